from __future__ import annotations

from typing import Any

from flask import abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from participation.blueprints.public import bp, language_bp
from participation.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, is_supported, select_locale
from participation.web import safe_local_path


@bp.url_value_preprocessor
def pull_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    code = (values or {}).pop("lang_code", None)
    if not is_supported(code):
        abort(404)
    g.lang_code = code


@bp.url_defaults
def add_language(endpoint: str, values: dict[str, Any]) -> None:
    if "lang_code" not in values and g.get("lang_code"):
        values["lang_code"] = g.lang_code


@bp.after_request
def remember_language(response: Response) -> Response:
    code = g.get("lang_code")
    if code and request.cookies.get(LANGUAGE_COOKIE) != code:
        _set_language_cookie(response, code)
    return response


def _set_language_cookie(response: Response, code: str) -> None:
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )


@bp.get("/")
def home() -> str:
    return render_template("public/home.html")


@bp.get("/privacy")
def privacy() -> str:
    return render_template("public/privacy.html")


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
    _set_language_cookie(response, code)
    return response
