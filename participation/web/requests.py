"""What the web layer reads from a request: where a redirect may go, and the check every request passes before a
view runs."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from flask import request
from flask.typing import ResponseReturnValue

from participation.domain.storable import UnstorableText, check_storable, json_texts
from participation.web.errors import error_response


def safe_local_path(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site, else ``fallback``: never redirect to another host."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target


def _address_and_form_texts() -> Iterator[tuple[str, str]]:
    yield "path", request.path
    for source in (request.args, request.form):
        for name, values in source.lists():
            yield name, name
            for value in values:
                yield name, value


def refuse_unstorable_input() -> ResponseReturnValue | None:
    """Before every view: refuse a request whose address, query, form or JSON body holds a character no database
    column can keep (a NUL, another control character), so that no view stores half of it or fails on it.

    A form, query or address gets 400; a JSON body that parsed fine but holds such a text gets 422."""
    try:
        check_storable(_address_and_form_texts())
    except UnstorableText as refused:
        return error_response(400, refused.message)
    if request.is_json:
        try:
            check_storable(json_texts(request.get_json(silent=True)))
        except UnstorableText as refused:
            return error_response(422, refused.message)
    return None
