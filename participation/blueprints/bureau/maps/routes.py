"""URL rules of the map pages: each map has a page, the script that draws it and a GeoJSON export, all read from
the same query string."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from participation.audit.exports import ExportedFigures, record_export
from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.maps import bp
from participation.blueprints.bureau.maps.context import KINDS, is_area_map, map_page, status_words
from participation.extensions import db
from participation.maps import DATA_ELEMENT_ID, MAP_ELEMENT_ID, geojson_export, map_data, map_script, shape_of
from participation.maps.errors import MapFilterError
from participation.maps.render import SHAPES
from participation.models import Role
from participation.web.disclosure import viewer_disclosure
from participation.web.downloads import ExportKind, download
from participation.web.errors import error_response, unprocessable, wants_json
from participation.web.staff import current_staff


def _kind(kind: str) -> str:
    if kind not in KINDS:
        abort(404)
    return kind


@bp.get("/")
@requires_role(Role.ANALYST)
def index() -> str:
    return render_template("maps/index.html", k=viewer_disclosure().threshold)


@bp.errorhandler(MapFilterError)
def refused_filter(error: MapFilterError) -> ResponseReturnValue:
    """A filter value that is not one of the choices: a 422 that says which, in the viewer's language."""
    return unprocessable(error) if wants_json() else error_response(422, error.message)


@bp.get("/<kind>")
@requires_role(Role.ANALYST)
def page(kind: str) -> str:
    """A map page: the filter form, the map's container and figures, a table of the same figures, export links."""
    page = map_page(_kind(kind), request.args)
    query: dict[str, Any] = request.args.to_dict()
    data = None
    if page.layer is not None:
        data = map_data(page.layer, words=page.words, tips=page.tips, outlines_url=url_for("assets.buurten"))
    return render_template(
        "maps/map.html",
        page=page,
        element_id=MAP_ELEMENT_ID,
        data_element_id=DATA_ELEMENT_ID,
        data=data,
        script_url=url_for("maps.script", shape=shape_of(page.layer)) if page.layer is not None else None,
        export_url=url_for("maps.export", kind=kind, **query) if page.layer is not None else None,
        area_map=is_area_map(page),
    )


@bp.get("/script/<shape>.js")
@requires_role(Role.ANALYST)
def script(shape: str) -> Response:
    """The folium map that draws a page's figures: the same for every filter and viewer, so browsers may keep it
    for a while; the page itself holds no script."""
    if shape not in SHAPES:
        abort(404)
    code = map_script(shape, current_app.config["TILE_URL"], current_app.config["TILE_ATTRIBUTION"])
    response = Response(code, mimetype="text/javascript")
    response.cache_control.private = True
    response.cache_control.max_age = 300
    return response


@bp.get("/<kind>.geojson")
@requires_role(Role.ANALYST)
def export(kind: str) -> Response:
    """The shown layer as GeoJSON, suppressed exactly as on the page."""
    page = map_page(_kind(kind), request.args)
    if page.layer is None:
        abort(404)
    # Figures leave the app, so this export is on record like every other; the request's one commit point keeps
    # the event (the view does not commit).
    record_export(
        db.session, ExportedFigures.MAP, actor=current_staff(), fmt="geojson", policy=viewer_disclosure(), map=kind
    )
    legend = [entry.properties() for entry in page.legend]
    document = geojson_export(page.layer, status_words(page.threshold), legend)
    return download(document, f"map-{kind}.geojson", ExportKind.GEOJSON)
