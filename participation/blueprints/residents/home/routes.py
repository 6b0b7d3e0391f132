from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from participation.blueprints.residents.home import bp, language_bp
from participation.extensions import db
from participation.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, is_supported, select_locale
from participation.programme import wijken
from participation.responses.publishing import open_surveys
from participation.web.clock import local_today
from participation.web.disclosure import public_disclosure
from participation.web.localized import set_language_cookie
from participation.web.requests import safe_local_path
from participation.web.security import tile_origin


@bp.get("/")
def home() -> str:
    """Where a resident starts: the surveys open today, and what the programme did in each focus-area wijk."""
    surveys = open_surveys(db.session, local_today())
    return render_template("public/home.html", surveys=surveys, wijken=wijken(db.session))


@bp.get("/privacy")
def privacy() -> str:
    """The privacy statement; it names every cookie the site sets and the one other server a browser may reach."""
    return render_template(
        "public/privacy.html",
        k=public_disclosure().threshold,
        language_cookie=LANGUAGE_COOKIE,
        language_cookie_days=LANGUAGE_COOKIE_MAX_AGE // (24 * 3600),
        session_cookie=current_app.config["SESSION_COOKIE_NAME"],
        tile_origin=tile_origin(current_app.config["TILE_URL"]),
    )


@bp.get("/accessibility")
def accessibility() -> str:
    return render_template("public/accessibility.html")


@language_bp.get("/")
def choose_language() -> Response:
    response = redirect(url_for("public.home", lang_code=select_locale()))
    response.headers["Vary"] = "Cookie, Accept-Language"
    return response


@language_bp.get("/language/<code>")
def switch(code: str) -> Response:
    """Remember a language for pages without one in their address (staff pages, errors), then go back."""
    if not is_supported(code):
        abort(404)
    response = redirect(safe_local_path(request.args.get("next"), url_for("public.home", lang_code=code)))
    set_language_cookie(response, code)
    return response
