"""Suggested themes for a text, with a confidence and the words that led to each, in every shipped language.

The evidence is the codebook's **keywords and phrases** per language, matched on lemmas with negation and
collision guards (``matching``), weighed by what labelled texts taught (``learning``): the shipped examples
(``themes/examples.yaml``) at cold start, and every accepted and rejected coding after that. Labelled texts also
teach words the codebook lacks. Everything a suggestion rests on can be shown to the analyst.

The confidence is a logistic function of four features of a theme in a text: its keyword score, the score of
learned words, its single strongest word, and whether it is the text's strongest theme ("rommel bij de containers
naast de flat" is about litter, not housing). Its constants are fitted by logistic regression on a calibration
set the vocabulary was not written for (``bench/themes.py --fit``), so that a confidence reads as the chance it is
right. The method, and why it was chosen, is in docs/theme-suggestions.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from participation.models.base import DbSession
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes.codebook import matching_rules
from participation.themes.examples import Example, shipped_examples
from participation.themes.learning import LemmaKey, lessons
from participation.themes.lemmas import words
from participation.themes.matching import KeywordIndex, KeywordKey, build_indexes, find_matches, theme_evidence
from participation.themes.subjects import SubjectText, subject_text

# The confidence from which a suggestion is proposed to analysts (and scored by bench/themes.py).
THRESHOLD = 0.5
# Intercept and weights of the features (``features``), printed by ``bench/themes.py --fit``.
CALIBRATION = (-3.207, 2.419, 2.479, 0.139, 1.542)

Features = tuple[float, float, float, float]


@dataclass(frozen=True)
class Suggestion:
    """One suggested theme for a text: its code, a confidence in 0..1, and the words that led to it."""

    theme_code: str
    confidence: float
    matched_words: tuple[str, ...]


@dataclass
class SuggestionModel:
    """Keyword indexes per language, what labelled texts taught, and the theme labels for pages and the CLI."""

    indexes: Mapping[str, KeywordIndex]
    problem_themes: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)  # theme code -> English label
    examples: tuple[Example, ...] = ()  # the labelled texts learned from (decisions are added to them)
    reliability: Mapping[KeywordKey, float] = field(default_factory=dict)
    learned: Mapping[LemmaKey, Mapping[str, float]] = field(default_factory=dict)


Codebook = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]


def _codebook_state(themes: Iterable[Theme]) -> Codebook:
    # A hashable snapshot of codes and keywords: the cache key of the indexes.
    return tuple(
        sorted(
            (theme.code, tuple(sorted((language, tuple(sorted(words))) for language, words in theme.keywords.items())))
            for theme in themes
        )
    )


def keyword_model(themes: Iterable[Theme], examples: Iterable[Example] | None = None) -> SuggestionModel:
    """A model from the codebook and the shipped examples, before any analyst decided anything (cold start).
    ``examples`` replaces the shipped examples (an empty list: keywords alone)."""
    themes = [theme for theme in themes if theme.active and theme.merged_into_id is None]
    rules = matching_rules()
    base = SuggestionModel(
        build_indexes(_codebook_state(themes), rules.neutral),
        rules.problem_themes,
        labels={theme.code: theme.label_en for theme in themes},
    )
    return trained(base, tuple(shipped_examples() if examples is None else examples))


def trained(model: SuggestionModel, examples: tuple[Example, ...]) -> SuggestionModel:
    """The model with what ``examples`` teach: keyword reliability and learned words."""
    taught = lessons(
        (
            example.language,
            example.text,
            find_matches(example.text, example.language, model.indexes, model.problem_themes),
            example.themes,
        )
        for example in examples
    )
    return SuggestionModel(
        model.indexes, model.problem_themes, model.labels, examples, taught.reliability, taught.learned
    )


def _evidence(
    text: str, language: str, model: SuggestionModel
) -> tuple[dict[str, dict[str, float]], dict[str, set[str]]]:
    matches = find_matches(text, language, model.indexes, model.problem_themes)
    return theme_evidence(matches, model.reliability)


def features(text: str, language: str, model: SuggestionModel) -> dict[str, tuple[Features, set[str]]]:
    """The confidence's features for every theme with any evidence, with the words behind it: its keyword
    score, the learned-word score, its single strongest word, and whether it is the text's strongest theme."""
    evidence, found = _evidence(text, language, model)
    learned: dict[str, float] = {}
    taught_by: dict[str, set[str]] = {}
    for lemma in {item.lemma for item in words(text, language)}:
        for code, weight in model.learned.get((language, lemma), {}).items():
            learned[code] = learned.get(code, 0.0) + weight
            if weight > 0:
                taught_by.setdefault(code, set()).add(lemma)
    scores = {code: sum(weights.values()) for code, weights in evidence.items()}
    strongest = max(scores.values(), default=0.0)
    result: dict[str, tuple[Features, set[str]]] = {}
    for code in {code for code, score in scores.items() if score > 0} | {code for code, w in learned.items() if w > 0}:
        score = scores.get(code, 0.0)
        best = max(evidence.get(code, {}).values(), default=0.0)
        values = (score, learned.get(code, 0.0), best, float(strongest > 0 and score == strongest))
        result[code] = (values, found.get(code, set()) | taught_by.get(code, set()))
    return result


def confidences(
    text: str, language: str, model: SuggestionModel, calibration: tuple[float, ...] | None = None
) -> dict[str, tuple[float, set[str]]]:
    """The confidence of every candidate theme, with the words behind it (by ``CALIBRATION`` unless given)."""
    # Read at call time, so that ``bench/themes.py --fit`` scores with the constants it has just fitted.
    intercept, *weights = CALIBRATION if calibration is None else calibration
    result = {}
    for code, (values, found) in features(text, language, model).items():
        linear = intercept + sum(weight * value for weight, value in zip(weights, values, strict=True))
        result[code] = (1 / (1 + math.exp(-linear)), found)
    return result


def suggest(text: str, language: str, model: SuggestionModel, threshold: float = THRESHOLD) -> list[Suggestion]:
    """The themes a text is probably about, most confident first, each with the words that matched."""
    suggestions = [
        Suggestion(code, round(confidence, 3), tuple(sorted(found)))
        for code, (confidence, found) in confidences(text, language, model).items()
        if confidence >= threshold
    ]
    return sorted(suggestions, key=lambda suggestion: (-suggestion.confidence, suggestion.theme_code))


def learn(model: SuggestionModel, decisions: Iterable[tuple[SubjectText, str, bool]]) -> SuggestionModel:
    """The model taught by decided codings as well: (text, theme code, accepted?) triples.

    A decided text becomes an example whose themes are the accepted ones (analysts add the themes suggestions
    missed), so a rejected suggestion lowers its keywords' reliability and teaches words against its theme.
    """
    accepted: dict[tuple[str, str], set[str]] = {}
    for subject, code, is_accepted in decisions:
        themes = accepted.setdefault((subject.language, subject.text), set())
        if is_accepted:
            themes.add(code)
    taught = tuple(Example(language, text, frozenset(themes)) for (language, text), themes in accepted.items())
    return trained(model, model.examples + taught)


def _decisions(session: DbSession) -> Iterable[tuple[SubjectText, str, bool]]:
    codings = session.scalars(
        select(ThemeCoding)
        .join(Theme, ThemeCoding.theme_id == Theme.id)
        .where(
            ThemeCoding.status.in_((CodingStatus.ACCEPTED, CodingStatus.REJECTED)),
            ThemeCoding.double_code.is_(False),
        )
        .order_by(ThemeCoding.id)
    ).all()
    texts: dict[tuple[SubjectType, int], SubjectText | None] = {}
    for coding in codings:
        key = (coding.subject_type, coding.subject_id)
        if key not in texts:
            texts[key] = subject_text(session, coding.subject_type, coding.subject_id)
        subject = texts[key]
        if subject is not None:
            yield subject, coding.theme.code, coding.status is CodingStatus.ACCEPTED


def build_model(session: DbSession) -> SuggestionModel:
    """The model the app suggests with: the codebook's keywords plus what analysts' decisions taught."""
    return learn(keyword_model(session.scalars(select(Theme)).all()), _decisions(session))


def propose_codings(
    session: DbSession,
    model: SuggestionModel,
    subject_type: SubjectType,
    subject_id: int,
    text: str,
    language: str,
) -> list[ThemeCoding]:
    """Write the suggestions for one text as proposed codings, skipping themes the text already has a coding
    for (so a second run adds nothing). Flushes; the caller commits."""
    codes = {suggestion.theme_code: suggestion for suggestion in suggest(text, language, model)}
    if not codes:
        return []
    themes = {theme.code: theme for theme in session.scalars(select(Theme).where(Theme.code.in_(codes)))}
    present = set(
        session.scalars(
            select(ThemeCoding.theme_id).where(
                ThemeCoding.subject_type == subject_type,
                ThemeCoding.subject_id == subject_id,
                ThemeCoding.double_code.is_(False),
            )
        )
    )
    created = []
    for code, suggestion in codes.items():
        theme = themes.get(code)
        if theme is None or theme.id in present:
            continue
        coding = ThemeCoding(
            theme_id=theme.id,
            subject_type=subject_type,
            subject_id=subject_id,
            origin=CodingOrigin.SUGGESTION,
            status=CodingStatus.PROPOSED,
            confidence=suggestion.confidence,
            double_code=False,
            coded_by_id=None,
            details={"matched_words": list(suggestion.matched_words), "language": language},
        )
        session.add(coding)
        created.append(coding)
    session.flush()
    return created


__all__ = [
    "THRESHOLD",
    "Suggestion",
    "SuggestionModel",
    "build_model",
    "confidences",
    "features",
    "keyword_model",
    "learn",
    "propose_codings",
    "suggest",
]
