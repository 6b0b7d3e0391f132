"""Blueprints whose addresses start with a language (``/<lang>/...``): the language is checked, remembered,
and added to every address the blueprint builds."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, g, request
from werkzeug.wrappers import Response

from participation.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, is_supported


def set_language_cookie(response: Response, code: str) -> None:
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )


def localized_blueprint(name: str, import_name: str, url_prefix: str = "", **options: Any) -> Blueprint:
    """A blueprint under ``/<lang>``: unknown languages are 404, and the visited language becomes the cookie."""
    bp = Blueprint(name, import_name, url_prefix=f"/<lang:lang_code>{url_prefix}", **options)

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
            set_language_cookie(response, code)
        return response

    return bp
