"""Which language a page is shown in, and how it is written (direction, native name).

Public pages carry the language in the URL (``/<lang>/...``); other pages (staff, errors) follow the visitor's
cookie, then the browser's Accept-Language, then the default. Everything is derived from the locale itself, so
adding a language is a catalog plus a setting, right-to-left scripts included.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale
from flask import current_app, g, has_request_context, request
from werkzeug.routing import BaseConverter

LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    direction: str  # "ltr" or "rtl"


@cache
def describe(code: str) -> Language:
    locale = Locale.parse(code)
    name = locale.get_display_name(locale) or code
    return Language(code=code, native_name=name[:1].upper() + name[1:], direction=locale.text_direction)


def is_right_to_left(language: str) -> bool:
    """Whether a language is written right to left (Arabic), as its locale says."""
    return describe(language).direction == "rtl"


def supported_languages() -> list[str]:
    return list(current_app.config["LANGUAGES"])


def is_supported(code: str | None) -> bool:
    return code is not None and code in current_app.config["LANGUAGES"]


def select_locale() -> str:
    """Babel's locale selector: URL prefix, then cookie, then Accept-Language, then the default."""
    if not has_request_context():
        # CLI commands and background work: messages come out in the default language.
        return str(current_app.config["DEFAULT_LANGUAGE"])
    from_url = g.get("lang_code")
    if is_supported(from_url):
        return str(from_url)
    from_cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_supported(from_cookie):
        return str(from_cookie)
    best = request.accept_languages.best_match(supported_languages())
    return best or str(current_app.config["DEFAULT_LANGUAGE"])


def current_language() -> Language:
    from flask_babel import get_locale

    locale = get_locale()
    return describe(str(locale) if locale else current_app.config["DEFAULT_LANGUAGE"])


class LanguageCodeConverter(BaseConverter):
    """Matches what can be a language code (``nl``, ``ar``, ``pt_BR``), so ``/login`` is never read as a language."""

    regex = r"[a-z]{2,3}(?:_[A-Z]{2})?"
