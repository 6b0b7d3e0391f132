"""The codebook's keywords found in a text: which themes each word points to, with how much weight, and which
words a negation takes back.

Matching works on lemmas and light stems (``lemmas``) and adds, in this order:
- **phrases** ("hang around", "ends meet", "kapkara ol"): consecutive words in order, one other word allowed
  between; a matched phrase's words do not count on their own, so "can't make ends meet" is about money and
  not about meeting places. *Neutral* phrases ("pitch black") name no theme and only take their words out;
- **single words** by lemma or stem; a word the lemmatiser does not know may also match a keyword it starts
  with ("işsizim", "huisarts'a"), but only when what follows is short enough to be an ending, so "паркират"
  is not "парк"; Dutch compounds match their head ("zwerfafval");
- **Dutch terms in every language**: residents write "toeslag", "DigiD" or "huisarts" inside Turkish, Arabic or
  English sentences, so the Dutch keywords that are not words of the text's language match there too;
- **negation** (``negation``): denied words, absent problems and reassuring clauses count for nothing.

A word that is a keyword of several themes goes to those among them that the rest of the text supports; with
no support it is split between them ("buren" in a noise complaint is about noise, not neighbour contact).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from participation.themes.lemmas import Word, clauses, tokens, word
from participation.themes.negation import Negation, negation

# Unknown words may match a keyword they start with from this keyword length on, when at most this many letters
# follow (Turkish stacks suffixes: "işsizlerimizden").
_MIN_PREFIX = 4
_MAX_TAIL = {"tr": 9, "nl": 3, "en": 3}
_DEFAULT_TAIL = 3
# In Turkish the lemmatiser often strips a derivation along with the suffixes ("işsizim" -> "iş"), so known
# words may match by prefix too.
_AGGLUTINATIVE = frozenset({"tr"})
# Dutch compounds end in their head word ("zwerfafval", "huurwoning"); matched from this keyword length on.
_MIN_COMPOUND_HEAD = 5
_MIN_COMPOUND_MODIFIER = 3
_COMPOUND_LANGUAGES = frozenset({"nl"})
# Dutch keywords match in other languages from this length on, if the word is rare in that language.
_MIN_DUTCH_TERM = 5
_FOREIGN_ZIPF = 2.0
# Keywords more frequent than this (Zipf) count for less, down to _MIN_SPECIFICITY.
_COMMON_ZIPF = 4.5
_SPECIFICITY_SLOPE = 0.35
_MIN_SPECIFICITY = 0.4
# A phrase is as good as a specific keyword.
PHRASE_WEIGHT = 1.0
# Words of a phrase may have one other word between them.
_PHRASE_GAP = 1


@dataclass(frozen=True)
class Phrase:
    """A keyword of several words (``code`` None: a neutral phrase that names no theme)."""

    code: str | None
    text: str
    parts: tuple[Word, ...]


@dataclass(frozen=True)
class KeywordIndex:
    """One language's keywords in comparable form."""

    by_form: Mapping[str, frozenset[tuple[str, str]]]  # form -> {(theme code, keyword)}
    by_start: Mapping[str, tuple[tuple[str, str], ...]]  # first letters -> keywords, for prefix matching
    by_end: Mapping[str, tuple[tuple[str, str], ...]]  # last letters -> keywords, for compound heads
    specificity: Mapping[str, float]  # keyword -> how much one occurrence says
    phrase_starts: Mapping[str, tuple[Phrase, ...]]  # a form of a phrase's first word -> its phrases, longest first


EMPTY = KeywordIndex({}, {}, {}, {}, {})


@dataclass(frozen=True)
class Match:
    """One word (or phrase) of a text that points to themes."""

    position: int
    lemma: str
    surface: str
    hits: frozenset[tuple[str, str]]  # (theme code, keyword)
    weight: float  # what one occurrence says before any example or decision: the keyword's specificity
    language: str  # the keywords' language: the text's, or Dutch for a Dutch term in another language
    phrase: bool = False


Codebook = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]


def _zipf_frequency(word: str, language: str) -> float:
    # wordfreq's lists take a quarter of a second to import: loaded when a text is first matched, not by every
    # module that imports the matching (the residents' web workers never match a text).
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, language))


def specificity(keyword: str, language: str) -> float:
    """How much one occurrence of a keyword says about its theme: 1 for a specific word ("schimmel"), less for
    an everyday word ("avond", "huis", "kimse"), by its frequency in the language (Zipf scale)."""
    zipf = _zipf_frequency(keyword, language)
    if zipf == 0.0:  # not in the frequency lists (a language wordfreq lacks, or a rare word): specific
        return 1.0
    return min(1.0, max(_MIN_SPECIFICITY, 1.0 - _SPECIFICITY_SLOPE * (zipf - _COMMON_ZIPF)))


@lru_cache(maxsize=8)
def build_indexes(codebook: Codebook, neutral: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, KeywordIndex]:
    """Keyword indexes per language, built once per codebook state (lemmatising the keywords takes a while)."""
    forms: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    starts: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    ends: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    weights: dict[str, dict[str, float]] = defaultdict(dict)
    phrases: dict[str, list[Phrase]] = defaultdict(list)
    entries: list[tuple[str | None, str, str]] = [
        (code, language, keyword) for code, keywords in codebook for language, words in keywords for keyword in words
    ]
    entries += [(None, language, phrase) for language, words in neutral for phrase in words]
    for code, language, keyword in entries:
        parts = tokens(keyword, language)
        if not parts:
            continue
        if len(parts) > 1 or code is None:
            # A phrase's words are read like a resident's (clitics may go): its context decides, not each word.
            phrases[language].append(Phrase(code, " ".join(parts), tuple(word(part, language) for part in parts)))
            continue
        token = parts[0]
        weights[language][token] = specificity(token, language)
        item = word(token, language, keyword=True)
        # A keyword the lemmatiser reduces to another word ("parking" -> "park") is matched as written, or every
        # text with that other word would be about its theme.
        for form in item.forms - {item.lemma} if item.known and item.lemma != token else item.forms:
            forms[language][form].add((code, token))
        if len(token) >= _MIN_PREFIX:
            starts[language][token[:_MIN_PREFIX]].add((code, token))
        if len(token) >= _MIN_COMPOUND_HEAD:
            ends[language][token[-_MIN_COMPOUND_HEAD:]].add((code, token))
    languages = set(forms) | set(phrases)
    return {
        language: KeywordIndex(
            {form: frozenset(hits) for form, hits in forms[language].items()},
            {start: tuple(sorted(hits)) for start, hits in starts[language].items()},
            {end: tuple(sorted(hits)) for end, hits in ends[language].items()},
            weights[language],
            _phrase_starts(phrases[language]),
        )
        for language in languages
    }


def _phrase_starts(phrases: list[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    # A text word can start a phrase by a shared form, or (unknown words) by starting with the phrase's first
    # word: both are found through the first word's forms and its first letters.
    starts: dict[str, list[Phrase]] = defaultdict(list)
    for phrase in sorted(phrases, key=lambda phrase: -len(phrase.parts)):
        first = phrase.parts[0]
        for form in first.forms | {first.surface[:_MIN_PREFIX]}:
            starts[form].append(phrase)
    return {form: tuple(found) for form, found in starts.items()}


def _phrases_from(item: Word, index: KeywordIndex) -> list[Phrase]:
    candidates: dict[int, Phrase] = {}
    for form in item.forms | {item.surface[:_MIN_PREFIX]}:
        for phrase in index.phrase_starts.get(form, ()):
            candidates.setdefault(id(phrase), phrase)
    return sorted(candidates.values(), key=lambda phrase: -len(phrase.parts))


def _same(item: Word, part: Word) -> bool:
    return bool(item.forms & part.forms) or (
        not item.known and len(part.surface) >= _MIN_PREFIX and item.surface.startswith(part.surface)
    )


def _phrase_at(phrase: Phrase, text_words: Sequence[Word], start: int, taken: set[int]) -> list[int] | None:
    positions = [start]
    for part in phrase.parts[1:]:
        last = positions[-1]
        found = next(
            (
                position
                for position in range(last + 1, min(len(text_words), last + 2 + _PHRASE_GAP))
                if position not in taken and _same(text_words[position], part)
            ),
            None,
        )
        if found is None:
            return None
        positions.append(found)
    return positions


def _word_hits(item: Word, index: KeywordIndex, language: str) -> set[tuple[str, str]]:
    hits: set[tuple[str, str]] = set()
    for form in item.forms:
        hits |= index.by_form.get(form, frozenset())
    if hits:
        return hits
    surface = item.surface
    if not item.known or language in _AGGLUTINATIVE:
        hits = _prefix_hits(surface, index, _MAX_TAIL.get(language, _DEFAULT_TAIL))
    if language in _COMPOUND_LANGUAGES and not hits:
        hits = _compound_heads(surface, index, item.known)
    return hits


def _prefix_hits(surface: str, index: KeywordIndex, tail: int) -> set[tuple[str, str]]:
    # Keywords the word starts with, followed by at most ``tail`` letters (an ending, not another word).
    return {
        (code, keyword)
        for code, keyword in index.by_start.get(surface[:_MIN_PREFIX], ())
        if surface.startswith(keyword) and len(surface) - len(keyword) <= tail
    }


def _compound_heads(surface: str, index: KeywordIndex, known: bool) -> set[tuple[str, str]]:
    # A word the lemmatiser knows is more often a word of its own that happens to end like a keyword
    # ("transport", "worstelen"), so both parts must be longer for it to count as a compound.
    head, modifier = (
        (_MIN_COMPOUND_HEAD + 1, _MIN_COMPOUND_MODIFIER + 1)
        if known
        else (
            _MIN_COMPOUND_HEAD,
            _MIN_COMPOUND_MODIFIER,
        )
    )
    return {
        (code, keyword)
        for code, keyword in index.by_end.get(surface[-_MIN_COMPOUND_HEAD:], ())
        if len(keyword) >= head and surface.endswith(keyword) and len(surface) - len(keyword) >= modifier
    }


@lru_cache(maxsize=100_000)
def _foreign(keyword: str, language: str) -> bool:
    # A Dutch keyword that is not also a word of the text's language ("flat", "kind" and "gas" are English).
    return len(keyword) >= _MIN_DUTCH_TERM and _zipf_frequency(keyword, language) < _FOREIGN_ZIPF


def _dutch_hits(item: Word, dutch: KeywordIndex, language: str) -> set[tuple[str, str]]:
    surface = item.surface
    hits = {hit for hit in dutch.by_form.get(surface, frozenset()) if _foreign(hit[1], language)}
    if hits:
        return hits
    hits = {hit for hit in _prefix_hits(surface, dutch, _DEFAULT_TAIL) if _foreign(hit[1], language)}
    return hits or {hit for hit in _compound_heads(surface, dutch, known=False) if _foreign(hit[1], language)}


def find_matches(
    text: str,
    language: str,
    indexes: Mapping[str, KeywordIndex],
    problem_themes: frozenset[str] = frozenset(),
) -> list[Match]:
    """Every word or phrase of the text that points to a theme and that no negation takes back."""
    index = indexes.get(language, EMPTY)
    dutch = indexes.get("nl", EMPTY) if language != "nl" else EMPTY
    matches: list[Match] = []
    offset = 0
    for clause in clauses(text, language):
        text_words = [word(token, language) for token in clause]
        negated = negation(clause, language)
        matches += _clause_matches(text_words, offset, language, index, dutch, negated, problem_themes)
        offset += len(clause)
    return matches


def _clause_matches(
    text_words: Sequence[Word],
    offset: int,
    language: str,
    index: KeywordIndex,
    dutch: KeywordIndex,
    negated: Negation,
    problem_themes: frozenset[str],
) -> list[Match]:
    matches: list[Match] = []
    taken: set[int] = set()  # a phrase may hold a negation ("ma fi", "kalmadı"); single words may not
    found: list[tuple[int, int, Phrase]] = []
    for start, item in enumerate(text_words):
        found += [(-len(phrase.parts), start, phrase) for phrase in _phrases_from(item, index)]
    for _length, start, phrase in sorted(found, key=lambda entry: (entry[0], entry[1])):
        if start in taken or not _same(text_words[start], phrase.parts[0]):
            continue
        positions = _phrase_at(phrase, text_words, start, taken)
        if positions is None:
            continue
        taken.update(positions)
        # A phrase in a denial's scope is denied ("nie boję się wracać"); in an absence's, only a problem's.
        denied = start in negated.denied or (start in negated.absent and phrase.code in problem_themes)
        if phrase.code is not None and not negated.reassurance and not denied:
            hit = frozenset({(phrase.code, phrase.text)})
            matches.append(Match(offset + start, phrase.text, phrase.text, hit, PHRASE_WEIGHT, language, phrase=True))
    if negated.reassurance:
        return matches
    for position, item in enumerate(text_words):
        if position in taken or position in negated.denied or position in negated.cues:
            continue
        hits = _word_hits(item, index, language)
        weights, source = index.specificity, language
        if not hits and dutch is not EMPTY:
            hits, weights, source = _dutch_hits(item, dutch, language), dutch.specificity, "nl"
        if position in negated.absent:
            hits = {hit for hit in hits if hit[0] not in problem_themes}
        if hits:
            weight = max(weights.get(keyword, 1.0) for _code, keyword in hits)
            matches.append(Match(offset + position, item.lemma, item.surface, frozenset(hits), weight, source))
    return matches


KeywordKey = tuple[str, str, str]  # (language, theme code, keyword)


def theme_evidence(
    matches: Iterable[Match], reliability: Mapping[KeywordKey, float] | None = None
) -> tuple[dict[str, dict[str, float]], dict[str, set[str]]]:
    """Per theme, the weight of each lemma that points to it (counted once however often it occurs), and the
    words as written.

    A keyword's weight is its ``reliability`` (how often texts with it were about its theme, learned from the
    examples and decisions) where known, else its specificity. A word shared by several themes goes to those
    the rest of the text supports; with no support, its prior weight is split between them.
    """
    matches = list(matches)
    reliability = reliability or {}
    supported = {code for match in matches if len(codes := {hit[0] for hit in match.hits}) == 1 for code in codes}
    evidence: dict[str, dict[str, float]] = defaultdict(dict)
    found: dict[str, set[str]] = defaultdict(set)
    for match in matches:
        codes = {code for code, _keyword in match.hits}
        if len(codes) > 1 and codes & supported:
            codes &= supported
        for code, keyword in match.hits:
            if code not in codes:
                continue
            weight = reliability.get((match.language, code, keyword), match.weight / len(codes))
            evidence[code][match.lemma] = max(evidence[code].get(match.lemma, 0.0), weight)
            found[code].add(match.surface)
    return evidence, found


__all__ = [
    "KeywordIndex",
    "KeywordKey",
    "Match",
    "build_indexes",
    "find_matches",
    "specificity",
    "theme_evidence",
]
