"""URL rules of the map pages: each map has a page, the script that draws it and a GeoJSON export, all read from
the same query string."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, render_template, request, url_for

from participation.blueprints.auth.guards import requires_role
from participation.blueprints.maps import bp
from participation.blueprints.maps.pages import KINDS, is_area_map, map_page, status_words
from participation.maps import MAP_ELEMENT_ID, geojson_export, render_map
from participation.models import Role


def _kind(kind: str) -> str:
    if kind not in KINDS:
        abort(404)
    return kind


def _private(response: Response) -> Response:
    # Figures for one role: never kept by a shared cache, and fetched afresh so that new responses show.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/")
@requires_role(Role.ANALYST)
def index() -> str:
    return render_template("maps/index.html")


@bp.get("/<kind>")
@requires_role(Role.ANALYST)
def page(kind: str) -> str:
    """A map page: the filter form, the map's container, the table of the same figures and export links."""
    page = map_page(_kind(kind), request.args)
    query: dict[str, Any] = request.args.to_dict()
    return render_template(
        "maps/map.html",
        page=page,
        element_id=MAP_ELEMENT_ID,
        script_url=url_for("maps.script", kind=kind, **query) if page.layer is not None else None,
        export_url=url_for("maps.export", kind=kind, **query) if page.layer is not None else None,
        area_map=is_area_map(page),
    )


@bp.get("/<kind>.js")
@requires_role(Role.ANALYST)
def script(kind: str) -> Response:
    """The folium map of the page with the same query string, as a script: the page itself holds no script."""
    page = map_page(_kind(kind), request.args)
    if page.layer is None:
        abort(404)
    rendered = render_map(
        page.layer,
        words=page.words,
        tips=page.tips,
        tile_url=current_app.config["TILE_URL"],
        tile_attribution=current_app.config["TILE_ATTRIBUTION"],
        outlines_url=url_for("assets.buurten"),
    )
    return _private(Response(rendered.script, mimetype="text/javascript"))


@bp.get("/<kind>.geojson")
@requires_role(Role.ANALYST)
def export(kind: str) -> Response:
    """The shown layer as GeoJSON, suppressed exactly as on the page."""
    page = map_page(_kind(kind), request.args)
    if page.layer is None:
        abort(404)
    response = Response(geojson_export(page.layer, status_words(page.threshold)), mimetype="application/geo+json")
    response.headers["Content-Disposition"] = f"attachment; filename=map-{kind}.geojson"
    return _private(response)
