"""The labelled examples the suggestions learn from: a text, its language and the themes a person gave it.

The shipped examples (``themes/examples.yaml``, written for the project and labelled by hand) are what a fresh
installation learns from; decided codings are added as examples as analysts work (``learning``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from participation.config import PROJECT_ROOT
from participation.imports import DEFINITION_MAX_BYTES, read_text

EXAMPLES_FILE = PROJECT_ROOT / "themes" / "examples.yaml"


@dataclass(frozen=True)
class Example:
    """A text with all the themes it is about (so it is a counter-example for every other theme)."""

    language: str
    text: str
    themes: frozenset[str]


def load_examples(path: Path) -> list[Example]:
    """Read a labelled file: a mapping of language -> list of {text, themes}."""
    # Labelled files ship with the project: read by the fast C loader.
    document = yaml.load(read_text(path, DEFINITION_MAX_BYTES), Loader=yaml.CSafeLoader)
    return [
        Example(str(language), str(entry["text"]), frozenset(entry.get("themes") or ()))
        for language, entries in document.items()
        for entry in entries
    ]


@lru_cache(maxsize=2)
def _shipped(path: Path) -> tuple[Example, ...]:
    return tuple(load_examples(path))


def shipped_examples(path: Path = EXAMPLES_FILE) -> tuple[Example, ...]:
    """The examples a fresh installation learns from."""
    return _shipped(path) if path.exists() else ()
