"""Suggested themes for a text, with a confidence and the words that led to each, in every shipped language.

Two sources of evidence, both explainable:
- the codebook's keywords per language, matched on lemmas (see ``lemmas``); a word that is a keyword of several
  themes counts for each of them in proportion, so "kurs" alone does not decide between language lessons and
  job training;
- what analysts decided: lemmas that keep turning up in texts accepted for a theme raise its score, lemmas of
  texts whose suggestion was rejected lower it.

The score of a theme is the sum of that evidence, where an everyday word ("avond", "home", "kimse") counts for
less than a specific one ("schimmel"), by its frequency in the language (wordfreq). The confidence is
``1 - 0.4 ** score`` (one specific, unambiguous keyword gives 0.6, two give 0.84), discounted for a theme whose
evidence is weaker than the text's strongest theme. The constants were chosen on the labelled set of
``tests/themes/data/labelled.yaml`` (see ``bench/themes.py``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select
from wordfreq import zipf_frequency

from participation.models.base import DbSession
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes.lemmas import Word, tokens, word, words
from participation.themes.subjects import SubjectText, subject_text

# The confidence from which a suggestion is proposed to analysts (and scored by bench/themes.py).
THRESHOLD = 0.5
# One unambiguous keyword gives 1 - _DECAY = 0.6; so does any evidence summing to one keyword.
_DECAY = 0.4
# Unknown words (typos, compounds, agglutinated forms) may match a keyword they start with from this length on.
_MIN_PREFIX = 4
# Dutch compounds end in their head word ("zwerfafval", "huurwoning"); matched from this keyword length on.
_MIN_COMPOUND_HEAD = 5
_COMPOUND_LANGUAGES = frozenset({"nl"})
# How strongly a theme's confidence drops with its evidence relative to the text's strongest theme.
_DOMINANCE = 1.0
# Keywords more frequent than this (Zipf) count for less, down to _MIN_SPECIFICITY.
_COMMON_ZIPF = 4.5
_SPECIFICITY_SLOPE = 0.35
_MIN_SPECIFICITY = 0.4
# What analysts teach: a lemma needs this many decided texts for a theme before it counts, and weighs at most
# this much (less than a keyword: the codebook stays the main source).
_MIN_EVIDENCE = 2
_LEARNED_WEIGHT = 0.6
# A lemma found in accepted texts of this many themes says nothing about any one of them ("de", "is").
_MAX_SPREAD = 3


@dataclass(frozen=True)
class Suggestion:
    """One suggested theme for a text: its code, a confidence in 0..1, and the words that led to it."""

    theme_code: str
    confidence: float
    matched_words: tuple[str, ...]


@dataclass(frozen=True)
class KeywordIndex:
    """The codebook's keywords of one language in comparable form: form -> themes, plus prefixes."""

    by_form: Mapping[str, frozenset[tuple[str, str]]]  # form -> {(theme code, keyword)}
    keywords: tuple[tuple[str, str], ...]  # (theme code, normalised keyword), for prefix and compound matching
    specificity: Mapping[str, float]  # keyword -> how much one occurrence says (common words say less)


@dataclass
class SuggestionModel:
    """Keyword indexes per language and what analysts' decisions taught: (language, lemma) -> theme -> weight."""

    indexes: Mapping[str, KeywordIndex]
    learned: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # theme code -> English label, for pages and the CLI


Codebook = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]


def _codebook_state(themes: Iterable[Theme]) -> Codebook:
    # A hashable snapshot of codes and keywords: the cache key of the indexes.
    return tuple(
        sorted(
            (theme.code, tuple(sorted((language, tuple(sorted(words))) for language, words in theme.keywords.items())))
            for theme in themes
        )
    )


def _specificity(keyword: str, language: str) -> float:
    """How much one occurrence of a keyword says about its theme: 1 for a specific word ("schimmel"), less for
    an everyday word that residents use about anything ("avond", "huis", "kimse"), by its frequency in the
    language (Zipf scale: 3 is once per million words, 6 once per thousand)."""
    zipf = zipf_frequency(keyword, language)
    if zipf == 0.0:  # not in the frequency lists (a language wordfreq lacks, or a rare word): specific
        return 1.0
    return min(1.0, max(_MIN_SPECIFICITY, 1.0 - _SPECIFICITY_SLOPE * (zipf - _COMMON_ZIPF)))


@lru_cache(maxsize=8)
def _indexes(codebook: Codebook) -> dict[str, KeywordIndex]:
    """Keyword indexes per language, built once per codebook state (lemmatising 2,000 keywords takes a while)."""
    by_language: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    keyword_lists: dict[str, list[tuple[str, str]]] = defaultdict(list)
    specificity: dict[str, dict[str, float]] = defaultdict(dict)
    for code, keywords in codebook:
        for language, entries in keywords:
            for keyword in entries:
                for token in tokens(keyword, language)[:1]:
                    keyword_lists[language].append((code, token))
                    specificity[language][token] = _specificity(keyword, language)
                    for form in word(token, language, keyword=True).forms:
                        by_language[language][form].add((code, token))
    return {
        language: KeywordIndex(
            {form: frozenset(hits) for form, hits in forms.items()},
            tuple(sorted(set(keyword_lists[language]))),
            specificity[language],
        )
        for language, forms in by_language.items()
    }


def keyword_model(themes: Iterable[Theme]) -> SuggestionModel:
    """A model from the codebook's keywords alone (no decisions yet), e.g. for the bench."""
    themes = [theme for theme in themes if theme.active and theme.merged_into_id is None]
    return SuggestionModel(_indexes(_codebook_state(themes)), labels={theme.code: theme.label_en for theme in themes})


def _keyword_hits(item: Word, index: KeywordIndex, language: str) -> set[tuple[str, str]]:
    hits: set[tuple[str, str]] = set()
    for form in item.forms:
        hits |= index.by_form.get(form, frozenset())
    if hits:
        return hits
    for code, keyword in index.keywords:
        if (not item.known and len(keyword) >= _MIN_PREFIX and item.surface.startswith(keyword)) or (
            language in _COMPOUND_LANGUAGES and len(keyword) >= _MIN_COMPOUND_HEAD and item.surface.endswith(keyword)
        ):
            hits.add((code, keyword))
    return hits


def _confidence(score: float) -> float:
    return 1.0 - _DECAY**score if score > 0 else 0.0


def score_text(text: str, language: str, model: SuggestionModel) -> dict[str, tuple[float, set[str]]]:
    """Every theme with any evidence in the text: its score and the words (as written) behind it."""
    index = model.indexes.get(language) or KeywordIndex({}, (), {})
    # Per theme, the weight of each word of the text that matched one of its keywords, counted once however
    # often it occurs and however many of the theme's keywords it matches ("buren" is "buur" and "buren").
    evidence: dict[str, dict[str, float]] = defaultdict(dict)
    matched: dict[str, set[str]] = defaultdict(set)
    text_words = words(text, language)
    for item in text_words:
        hits = _keyword_hits(item, index, language)
        themes = {code for code, _keyword in hits}
        for code, keyword in hits:
            weight = index.specificity.get(keyword, 1.0) / len(themes)
            evidence[code][item.lemma] = max(evidence[code].get(item.lemma, 0.0), weight)
            matched[code].add(item.surface)
    scores = {code: sum(weights.values()) for code, weights in evidence.items()}
    for lemma in {item.lemma for item in text_words}:
        for code, weight in model.learned.get((language, lemma), {}).items():
            scores[code] = scores.get(code, 0.0) + weight
            if weight > 0:
                matched[code].add(lemma)
    return {code: (score, matched[code]) for code, score in scores.items() if score > 0}


def suggest(text: str, language: str, model: SuggestionModel, threshold: float = THRESHOLD) -> list[Suggestion]:
    """The themes a text is probably about, most confident first, each with the words that matched.

    A theme with less evidence than the text's strongest theme is discounted by how much weaker it is: "rommel
    bij de containers naast de flat" is about litter, and "flat" alone should not make it about housing too.
    """
    scores = score_text(text, language, model)
    strongest = max((score for score, _found in scores.values()), default=0.0)
    suggestions = []
    for code, (score, found) in scores.items():
        confidence = _confidence(score) * (score / strongest) ** _DOMINANCE
        if confidence >= threshold:
            suggestions.append(Suggestion(code, round(confidence, 3), tuple(sorted(found))))
    return sorted(suggestions, key=lambda suggestion: (-suggestion.confidence, suggestion.theme_code))


def learn(model: SuggestionModel, decisions: Iterable[tuple[SubjectText, str, bool]]) -> SuggestionModel:
    """Add what decided codings teach to a model: (text, theme code, accepted?) triples.

    For each theme and lemma, the share of accepted minus rejected texts that contain it, damped towards zero
    for rare lemmas, becomes a weight; lemmas spread over many themes are left out.
    """
    accepted: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    rejected: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for subject, code, is_accepted in decisions:
        keys = {(subject.language, lemma) for lemma in _lemmas(subject)}
        (accepted if is_accepted else rejected)[code].update(keys)
    spread = Counter(key for counts in accepted.values() for key in counts)
    learned: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for code in set(accepted) | set(rejected):
        for key in set(accepted[code]) | set(rejected[code]):
            yes, no = accepted[code][key], rejected[code][key]
            if yes + no < _MIN_EVIDENCE or spread[key] > _MAX_SPREAD:
                continue
            learned[key][code] = round(_LEARNED_WEIGHT * (yes - no) / (yes + no + 1), 4)
    return SuggestionModel(model.indexes, dict(learned), model.labels)


def _lemmas(subject: SubjectText) -> set[str]:
    # Short words are mostly function words in every shipped language.
    return {item.lemma for item in words(subject.text, subject.language) if len(item.lemma) >= 3}


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
    "keyword_model",
    "learn",
    "propose_codings",
    "score_text",
    "suggest",
]
