from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from participation.blueprints.residents.home import bp, language_bp
from participation.i18n import is_supported, select_locale
from participation.web.disclosure import public_disclosure
from participation.web.localized import set_language_cookie
from participation.web.requests import safe_local_path


@bp.get("/")
def home() -> str:
    return render_template("public/home.html")


@bp.get("/privacy")
def privacy() -> str:
    return render_template("public/privacy.html", k=public_disclosure().threshold)


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
