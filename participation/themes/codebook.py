"""The default codebook shipped in ``themes/codebook.yaml``: reading it, and bringing the database in line.

Syncing never deletes a theme (codings hang on it) and never undoes an analyst's edit: a theme is updated from
the file only when the file's entry for it changed since the last sync, which the audit log remembers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from participation.audit import record
from participation.config import PROJECT_ROOT
from participation.imports import DEFINITION_MAX_BYTES, ImportRefusal, load_yaml, read_text
from participation.models import AuditEvent
from participation.models.base import DbSession
from participation.models.themes import Theme
from participation.themes.definition import ThemeDefinition
from participation.themes.errors import ThemeError

CODEBOOK_FILE = PROJECT_ROOT / "themes" / "codebook.yaml"
SYNCED = "theme.synced"  # audit action of a sync that created or updated a theme


class CodebookError(Exception):
    """The codebook file cannot be used; ``problems`` say where and why, for the person who edits it."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class MatchingRules:
    """What the codebook file says about matching beyond each theme's keywords: the themes about a problem, for
    which "none here" is good news (``negation``), and per language the phrases that name no theme."""

    problem_themes: frozenset[str]
    neutral: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: ``kept`` counts themes an analyst changed in the app that the file left alone."""

    themes: int
    created: int
    updated: int
    kept: int


def load_codebook(path: Path = CODEBOOK_FILE, max_bytes: int = DEFINITION_MAX_BYTES) -> list[ThemeDefinition]:
    """Read and check the codebook file (at most ``max_bytes``, YAML within bounds): every theme valid and every
    code once."""
    try:
        document = load_yaml(read_text(path, max_bytes))
    except ImportRefusal as refusal:
        where = f"{refusal.field}: " if refusal.field else ""
        raise CodebookError([f"{path}: {where}{refusal.message}"]) from refusal
    except yaml.YAMLError as error:
        raise CodebookError([f"{path}: {' '.join(str(error).split())}"]) from error
    entries = document.get("themes") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise CodebookError([f"{path}: expected a list under 'themes'"])
    definitions: list[ThemeDefinition] = []
    problems: list[str] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: theme {number} ({entry.get('code') if isinstance(entry, dict) else '?'})"
        try:
            definitions.append(_definition(entry).validated())
        except (ThemeError, TypeError, ValueError) as error:
            problems.append(f"{where}: {error}")
    seen: set[str] = set()
    for definition in definitions:
        if definition.code in seen:
            problems.append(f"{path}: the code {definition.code} appears twice")
        seen.add(definition.code)
    if problems:
        raise CodebookError(problems)
    return definitions


@lru_cache(maxsize=4)
def matching_rules(path: Path = CODEBOOK_FILE) -> MatchingRules:
    """The file's ``problems`` (theme codes) and ``neutral`` (phrases per language); read once per process."""
    # The shipped file, read by the fast C loader (the bounded loader is for files people upload).
    document = yaml.load(read_text(path, DEFINITION_MAX_BYTES), Loader=yaml.CSafeLoader)
    problems = document.get("problems") or [] if isinstance(document, dict) else []
    neutral = document.get("neutral") or {} if isinstance(document, dict) else {}
    if not isinstance(problems, list) or not isinstance(neutral, dict):
        raise CodebookError([f"{path}: 'problems' is a list of theme codes, 'neutral' phrases per language"])
    return MatchingRules(
        frozenset(str(code) for code in problems),
        tuple(
            sorted((str(language), tuple(str(phrase) for phrase in phrases)) for language, phrases in neutral.items())
        ),
    )


def _definition(entry: Any) -> ThemeDefinition:
    if not isinstance(entry, dict):
        raise TypeError("each theme is a mapping of code, labels, pillar, goals and keywords")
    keywords = entry.get("keywords") or {}
    # YAML reads some bare words as other types (``no`` as false, ``1`` as a number); they must be quoted.
    if not isinstance(keywords, dict) or not all(
        isinstance(words, list) and all(isinstance(word, str) for word in words) for words in keywords.values()
    ):
        raise TypeError("keywords: a list of words per language code; quote words YAML reads otherwise")
    goals = entry.get("goals") or []
    if not isinstance(goals, list) or not all(type(goal) is int for goal in goals):
        raise TypeError("goals: a list of goal numbers")
    if type(entry.get("pillar")) is not int:
        raise TypeError("pillar: a number from 1 to 5")
    return ThemeDefinition(
        code=str(entry.get("code") or ""),
        label_nl=str(entry.get("label_nl") or ""),
        label_en=str(entry.get("label_en") or ""),
        labels=_texts_per_language(entry, "labels"),
        descriptions=_texts_per_language(entry, "description"),
        pillar=entry["pillar"],
        goals=tuple(goals),
        keywords={str(language): tuple(words) for language, words in keywords.items()},
    )


def _texts_per_language(entry: dict[str, Any], key: str) -> dict[str, str]:
    texts = entry.get(key) or {}
    if not isinstance(texts, dict) or not all(isinstance(text, str) for text in texts.values()):
        raise TypeError(f"{key}: one text per language code, such as nl: ... and tr: ...")
    return {str(language): text for language, text in texts.items()}


def sync_codebook(session: DbSession, definitions: Iterable[ThemeDefinition]) -> SyncReport:
    """Create the file's themes that are missing and update those whose entry in the file changed.

    Idempotent: a second run with the same file changes nothing. Themes that are not in the file, themes an
    analyst merged away, and analysts' edits of themes whose entry did not change are all left as they are.
    """
    definitions = list(definitions)
    themes = {theme.code: theme for theme in session.scalars(select(Theme))}
    last_synced = _last_synced_fingerprints(session)
    created = updated = kept = 0
    for definition in definitions:
        fingerprint = definition.fingerprint()
        theme = themes.get(definition.code)
        if theme is None:
            theme = Theme(**definition.fields(), active=True)
            session.add(theme)
            session.flush()
            record(session, SYNCED, subject=theme, code=theme.code, fingerprint=fingerprint, created=True)
            created += 1
        elif theme.merged_into_id is not None or not definition.differs_from(theme):
            continue
        elif last_synced.get(definition.code) == fingerprint:
            kept += 1  # the file has not changed since the last sync, so the difference is an analyst's edit
        else:
            for name, value in definition.fields().items():
                setattr(theme, name, value)
            record(session, SYNCED, subject=theme, code=theme.code, fingerprint=fingerprint, created=False)
            updated += 1
    session.flush()
    return SyncReport(themes=len(definitions), created=created, updated=updated, kept=kept)


def _last_synced_fingerprints(session: DbSession) -> dict[str, str]:
    """The fingerprint of the file entry each theme was last created or updated from, by theme code."""
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == SYNCED).order_by(AuditEvent.id))
    return {str(event.details["code"]): str(event.details["fingerprint"]) for event in events}
