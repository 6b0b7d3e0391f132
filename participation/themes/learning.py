"""What labelled texts teach the suggestions: how reliable each keyword is, and which other words point to a theme.

Labelled texts are the shipped examples and every text analysts decided (accepted themes are its themes; a
rejected suggestion is a theme it is not about). From them:
- **keyword reliability**: of the texts a keyword matched, the share that were about its theme, starting from
  the keyword's specificity as a prior worth a few texts. An everyday word that keeps turning up in texts about
  something else ("avond", "buren", "park") loses weight; a decisive one keeps it however common it is ("werk");
- **learned words**: lemmas that keep turning up in texts about a theme and rarely elsewhere raise it, lemmas of
  texts whose suggestion was wrong lower it. Lemmas spread over many themes ("de", "is") say nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from participation.themes.lemmas import words
from participation.themes.matching import KeywordKey, Match

# How many texts' worth of belief a keyword's specificity is, before labelled texts say otherwise.
PRIOR_STRENGTH = 2.0
# A lemma needs this many labelled texts for a theme before it counts, and weighs at most this much.
_MIN_EVIDENCE = 2
_LEARNED_WEIGHT = 0.6
# A lemma found in texts of this many themes says nothing about any one of them.
_MAX_SPREAD = 3
# Short words are mostly function words in every shipped language.
_MIN_LEMMA = 3

LemmaKey = tuple[str, str]  # (language, lemma)


@dataclass(frozen=True)
class Lessons:
    """What a set of labelled texts taught."""

    reliability: dict[KeywordKey, float]
    learned: dict[LemmaKey, dict[str, float]]  # (language, lemma) -> theme code -> weight


def lessons(labelled: Iterable[tuple[str, str, Sequence[Match], frozenset[str]]]) -> Lessons:
    """Learn from (language, text, its keyword matches, its themes) for every labelled text."""
    seen: dict[KeywordKey, int] = defaultdict(int)
    right: dict[KeywordKey, int] = defaultdict(int)
    prior: dict[KeywordKey, float] = {}
    accepted: dict[str, Counter[LemmaKey]] = defaultdict(Counter)
    rejected: dict[str, Counter[LemmaKey]] = defaultdict(Counter)
    for language, text, matches, themes in labelled:
        keys: dict[KeywordKey, float] = {}
        for match in matches:
            codes = {code for code, _keyword in match.hits}
            for code, keyword in match.hits:
                keys[(match.language, code, keyword)] = match.weight / len(codes)
        for key, weight in keys.items():
            seen[key] += 1
            right[key] += key[1] in themes
            prior[key] = weight
        matched = {match.lemma for match in matches}
        lemmas = {(language, item.lemma) for item in words(text, language) if len(item.lemma) >= _MIN_LEMMA}
        lemmas -= {(language, lemma) for lemma in matched}
        for code in themes:
            accepted[code].update(lemmas)
        for code in {key[1] for key in keys} - themes:  # a keyword's theme the text was not about
            rejected[code].update(lemmas)
    reliability = {key: (right[key] + PRIOR_STRENGTH * prior[key]) / (seen[key] + PRIOR_STRENGTH) for key in seen}
    return Lessons(reliability, _learned_words(accepted, rejected))


def _learned_words(
    accepted: dict[str, Counter[LemmaKey]], rejected: dict[str, Counter[LemmaKey]]
) -> dict[LemmaKey, dict[str, float]]:
    spread = Counter(key for counts in accepted.values() for key in counts)
    learned: dict[LemmaKey, dict[str, float]] = defaultdict(dict)
    for code in set(accepted) | set(rejected):
        for key in set(accepted[code]) | set(rejected[code]):
            yes, no = accepted[code][key], rejected[code][key]
            if yes + no < _MIN_EVIDENCE or spread[key] > _MAX_SPREAD:
                continue
            learned[key][code] = round(_LEARNED_WEIGHT * (yes - no) / (yes + no + 1), 4)
    return dict(learned)
