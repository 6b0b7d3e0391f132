"""Text a database can keep: no control characters other than tab, line feed and carriage return.

PostgreSQL refuses a NUL in any text column, SQLite and PostgreSQL alike cannot encode an unpaired surrogate (which
a JSON body can spell as ``"\\ud800"``), and the other C0 control characters have no place in what people type.
Rather than cleaning them away form by form, the web layer refuses every request that carries one before a view
runs (``participation.web.requests.refuse_unstorable_input``), with the one error defined here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

# C0 controls except tab (09), line feed (0a) and carriage return (0d); and surrogates, which only a broken
# encoder or a hand-written JSON escape produces.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


class UnstorableText(CodedError):
    MESSAGES = {
        "control_character": _l("This text contains characters we cannot store. Please remove them."),
    }


def is_storable(text: str) -> bool:
    return UNSTORABLE.search(text) is None


def check_storable(texts: Iterable[tuple[str, str]]) -> None:
    """Raise ``UnstorableText`` for the first (field, text) pair whose text a database cannot keep."""
    for field, text in texts:
        if not is_storable(text):
            raise UnstorableText(field, "control_character")


def json_texts(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a parsed JSON document, keys included, with where it is (``answers.q1``, ``quotes.0``)."""
    stack: list[tuple[str, Any]] = [(where, value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{path}.{key}" if path else str(key)
                yield child_path, str(key)
                stack.append((child_path, child))
        elif isinstance(item, list):
            stack.extend((f"{path}.{index}" if path else str(index), child) for index, child in enumerate(item))
