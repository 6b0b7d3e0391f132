"""What every template can use: the current language, the language switcher, the signed-in staff member."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from participation.demo.registry import demo_loaded
from participation.extensions import db
from participation.i18n import current_language, describe
from participation.models import Role


@dataclass(frozen=True)
class LanguageLink:
    code: str
    native_name: str
    url: str
    current: bool


def language_links() -> list[LanguageLink]:
    """One link per language that shows the same page in that language."""
    here = current_language().code
    endpoint = request.endpoint
    view_args = dict(request.view_args or {})
    links = []
    for code in current_app.config["LANGUAGES"]:
        if endpoint and g.get("lang_code"):
            url = url_for(endpoint, **{**view_args, "lang_code": code})
            if request.query_string:
                url += "?" + request.query_string.decode("latin-1")
        else:
            url = url_for("language.switch", code=code) + "?" + urlencode({"next": request.full_path.rstrip("?")})
        links.append(LanguageLink(code=code, native_name=describe(code).native_name, url=url, current=code == here))
    return links


# Marks that already end a label: after them a colon would be double punctuation ("Question?: message").
CLOSING_MARKS = frozenset("?!.:;…؟")


def labelled(label: object, message: object) -> str:
    """An error as "label: message", without a colon after a label that already ends in a mark."""
    text = str(label).rstrip()
    return f"{text} {message}" if text[-1:] in CLOSING_MARKS else f"{text}: {message}"


def isolate(name: object) -> Markup:
    """A name (an area, a street) inside running text, isolated so that right-to-left text leaves it whole."""
    return Markup("<bdi>{}</bdi>").format(name)


def demo_data_loaded() -> bool:
    """Whether the demo year is loaded: one EXISTS query, made only by the layout that shows the notice, on a
    connection of its own so that an error page after a failed transaction still renders (and then says no)."""
    try:
        with Session(db.engine) as session:
            return demo_loaded(session)
    except SQLAlchemyError:
        return False


def configure_templating(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["isolate"] = isolate
    app.jinja_env.globals["labelled"] = labelled

    @app.context_processor
    def inject_common() -> dict[str, Any]:
        return {
            "current_language": current_language(),
            "language_links": language_links,
            "focus_area_name": current_app.config["FOCUS_AREA_NAME"],
            "organisation_name": current_app.config["ORGANISATION_NAME"],
            "Role": Role,
            "demo_data_loaded": demo_data_loaded,
        }
