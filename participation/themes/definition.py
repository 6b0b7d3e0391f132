"""What defines a theme (code, labels, descriptions, pillar, goals, keywords) and the rules it must meet.

Both the codebook file and the analysts' forms go through ``ThemeDefinition.validated``, so a theme is held to
the same rules wherever it comes from.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from participation.models.themes import STRATEGIC_GOALS, Pillar, Theme
from participation.themes.errors import ThemeError

CODE_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")
CODE_LENGTH = 64  # the column sizes of the theme table
LABEL_LENGTH = 120
DESCRIPTION_LENGTH = 500
KEYWORD_LENGTH = 60
# A keyword may be a short phrase ("hang around", "ends meet"): its words are matched in order.
PHRASE_WORDS = 3


@dataclass(frozen=True)
class ThemeDefinition:
    """A theme as the codebook file or an analyst describes it, before it is stored."""

    code: str
    label_nl: str
    label_en: str
    pillar: int
    goals: tuple[int, ...]
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    # The label in further languages than Dutch and English, and the description in any language, by language code.
    labels: Mapping[str, str] = field(default_factory=dict, hash=False)
    descriptions: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, theme: Theme) -> ThemeDefinition:
        """The definition a stored theme has now, e.g. to fill the edit form."""
        return cls(
            code=theme.code,
            label_nl=theme.label_nl,
            label_en=theme.label_en,
            pillar=theme.pillar,
            goals=tuple(theme.goals),
            keywords={language: tuple(words) for language, words in (theme.keywords or {}).items()},
            labels=dict(theme.labels or {}),
            descriptions=dict(theme.descriptions or {}),
        )

    def validated(self) -> ThemeDefinition:
        """The same definition tidied up (spaces trimmed, keywords lower case and unique, goals sorted), or
        ``ThemeError`` for the first field that breaks a rule."""
        code = self.code.strip()
        if not code:
            raise ThemeError("code", "code_required")
        if len(code) > CODE_LENGTH:
            raise ThemeError("code", "too_long", max=CODE_LENGTH)
        if not CODE_PATTERN.fullmatch(code):
            raise ThemeError("code", "code_format")
        label_nl = _validated_label("label_nl", self.label_nl)
        label_en = _validated_label("label_en", self.label_en)
        if self.pillar not in set(Pillar):
            raise ThemeError("pillar", "pillar_range")
        if not self.goals:
            raise ThemeError("goals", "goals_required")
        if any(goal not in STRATEGIC_GOALS for goal in self.goals):
            raise ThemeError("goals", "goal_range")
        return replace(
            self,
            code=code,
            label_nl=label_nl,
            label_en=label_en,
            goals=tuple(sorted(set(self.goals))),
            keywords=_validated_keywords(self.keywords),
            labels=_validated_texts("labels", self.labels, LABEL_LENGTH),
            descriptions=_validated_texts("description", self.descriptions, DESCRIPTION_LENGTH),
        )

    def fields(self) -> dict[str, Any]:
        """The theme's column values for this definition."""
        return {
            "code": self.code,
            "label_nl": self.label_nl,
            "label_en": self.label_en,
            "labels": dict(self.labels),
            "descriptions": dict(self.descriptions),
            "pillar": self.pillar,
            "goals": list(self.goals),
            "keywords": {language: list(words) for language, words in self.keywords.items()},
        }

    def fingerprint(self) -> str:
        """A short digest of the definition, so a later run can tell whether the file's entry changed."""
        canonical = json.dumps(self.fields(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def differs_from(self, theme: Theme) -> bool:
        """Whether storing this definition would change the theme."""
        return any(getattr(theme, name) != value for name, value in self.fields().items())


def _validated_label(name: str, label: str) -> str:
    tidy = " ".join(label.split())
    if not tidy:
        raise ThemeError(name, "label_required")
    if len(tidy) > LABEL_LENGTH:
        raise ThemeError(name, "too_long", max=LABEL_LENGTH)
    return tidy


def _validated_texts(name: str, texts: Mapping[str, str], max_length: int) -> dict[str, str]:
    """One tidy text per language code; empty ones are left out (the theme falls back to Dutch, then English).

    A refusal names the form field of the language: ``labels_tr``, ``description_nl``."""
    tidy: dict[str, str] = {}
    for language, text in texts.items():
        # Dutch and English labels are fields of their own (``label_nl``, ``label_en``).
        if not LANGUAGE_PATTERN.fullmatch(language) or (name == "labels" and language in ("nl", "en")):
            raise ThemeError(name, "text_language_code")
        cleaned = " ".join(text.split())
        if len(cleaned) > max_length:
            raise ThemeError(f"{name}_{language}", "too_long", max=max_length)
        if cleaned:
            tidy[language] = cleaned
    return tidy


def _validated_keywords(keywords: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    tidy: dict[str, tuple[str, ...]] = {}
    for language, words in keywords.items():
        if not LANGUAGE_PATTERN.fullmatch(language):
            raise ThemeError("keywords", "language_code")
        cleaned = [" ".join(word.lower().split()) for word in words if word.strip()]
        broken = [word for word in cleaned if len(word.split()) > PHRASE_WORDS or len(word) > KEYWORD_LENGTH]
        if broken:
            raise ThemeError(f"keywords_{language}", "keyword_format", words=", ".join(broken))
        if cleaned:
            tidy[language] = tuple(dict.fromkeys(cleaned))  # unique, in the order given
    return tidy


def united_keywords(first: Mapping[str, Iterable[str]], second: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Every keyword of both themes per language: the first theme's words, then the second's new ones."""
    united: dict[str, list[str]] = {}
    for keywords in (first, second):
        for language, words in keywords.items():
            united[language] = list(dict.fromkeys([*united.get(language, []), *words]))
    return united
