"""Words of a text in comparable form, per language: tokens, their lemmas and light stems.

The suggestions and the emerging-theme clusters both need to see "woningen" and "woning", or "الإيجار" and
"إيجار", as one word. simplemma lemmatises all six shipped languages (nl, en, tr, ar, pl, bg) from its own
dictionaries, read with its low-memory backend (a tenth of the memory, half the time to load). For words it does
not know, and for languages it does not cover (a language added later), a light
stem (clitics and common endings stripped) stands in, so matching degrades gracefully instead of failing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # short vowels, shadda, sukun, dagger alef, tatweel
_ARABIC_ARTICLES = ("وال", "ال", "و")
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ك", "ل")
_ARABIC_SUFFIXES = ("هما", "كم", "هم", "ها", "نا", "ات", "ون", "ين", "ان", "ية", "وا", "ه", "ة", "ي")
# Endings stripped by the fallback stemmer for languages simplemma does not know, longest first.
_GENERIC_SUFFIXES = ("ings", "ing", "es", "en", "er", "s", "e")
# Below this length a stem says too little to match on.
MIN_STEM = 3


@lru_cache(maxsize=1)
def _simplemma() -> ModuleType:
    # Imported on the first text to read, not with the module: a web worker that serves residents imports this
    # module through the survey code but never reads a text, and should not carry simplemma.
    import simplemma

    return simplemma


@lru_cache(maxsize=1)
def _simplemma_languages() -> frozenset[str]:
    """Languages simplemma covers, checked against its dictionaries once."""
    return frozenset(_simplemma().strategies.dictionaries.dictionary_factory.SUPPORTED_LANGUAGES)


@dataclass(frozen=True)
class Word:
    """One word of a text: its surface form (normalised), lemma, and the forms it may be matched by."""

    surface: str
    lemma: str
    forms: frozenset[str]
    known: bool  # whether the lemmatiser knows the word; unknown words may also match by prefix


def normalise(text: str, language: str) -> str:
    """Lower-case in the language's own way, with Arabic letters unified, so spellings compare equal."""
    text = unicodedata.normalize("NFC", text)
    if language == "tr":
        # Turkish has a dotted and a dotless i: İ -> i and I -> ı, which str.lower() gets wrong.
        text = text.replace("İ", "i").replace("I", "ı")
    text = text.lower()
    if language == "ar":
        text = _ARABIC_MARKS.sub("", text)
        text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي")
    return text


# Where a clause ends: a negation's scope stops there ("niet eenzaam, maar de buurt is vies").
_CLAUSE_END = re.compile(r"[.!?;:\n()\u061f\u061b]+")


def clauses(text: str, language: str) -> list[list[str]]:
    """The tokens of a text per clause (split at sentence punctuation), for rules that look at neighbours."""
    return [found for part in _CLAUSE_END.split(text) if (found := tokens(part, language))]


def tokens(text: str, language: str) -> list[str]:
    """The words of a text, normalised, without numbers; hyphens inside a word are dropped ("burn-out")."""
    words = (match.group(0) for match in _WORD.finditer(normalise(text, language)))
    return [re.sub("[-'’]", "", word) for word in words if not word.isdigit()]


def _arabic_stems(word: str, clitics: bool) -> set[str]:
    # Light stemming (as in Larkey's light10): the article and conjunction at the front, possessive and plural
    # endings at the back. With ``clitics`` a one-letter preposition (بـ, لـ, كـ, فـ) may go too, which only
    # a resident's word can carry: a keyword such as "فعالية" must not lose its first letter.
    prefixes = _ARABIC_PREFIXES if clitics else _ARABIC_ARTICLES
    fronts = {word} | {word[len(prefix) :] for prefix in prefixes if word.startswith(prefix)}
    stems = set()
    for front in (front for front in fronts if len(front) >= MIN_STEM):
        stems.add(front)
        for suffix in _ARABIC_SUFFIXES:
            if front.endswith(suffix) and len(front) - len(suffix) >= MIN_STEM:
                stems.add(front[: -len(suffix)])
                break
    return stems


def _generic_stem(word: str) -> str:
    for suffix in _GENERIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM + 1:
            return word[: -len(suffix)]
    return word


def stems(word: str, language: str, clitics: bool = True) -> set[str]:
    """Light stems, for words the lemmatiser does not know (``clitics``: whether Arabic prepositions may go)."""
    return _arabic_stems(word, clitics) if language == "ar" else {_generic_stem(word)}


@lru_cache(maxsize=200_000)
def word(surface: str, language: str, keyword: bool = False) -> Word:
    """The comparable forms of one normalised token (cached: texts repeat their words a lot). A ``keyword`` is a
    codebook entry, already a base form: its stems are taken more cautiously."""
    if language in _simplemma_languages():
        simplemma = _simplemma()
        lemma = normalise(simplemma.lemmatize(surface, lang=language, low_memory=True), language)
        known = simplemma.is_known(surface, lang=language, low_memory=True)
    else:
        lemma, known = surface, False
    if language == "ar" and not known:
        # simplemma's Arabic guesses for words it does not know are often wrong ("الإيجار" -> "آجر", wage),
        # so the light stems stand in for them. A word too short to stem ("ok", "tv" in an Arabic text) is its own.
        lemma = min(stems(surface, language, clitics=not keyword), key=len, default=surface)
    forms = {lemma} if len(lemma) >= MIN_STEM or lemma == surface else set()
    if not known or language == "ar":
        forms.update(stems(surface, language, clitics=not keyword))
    # The word itself always counts, however short ("iş", "gp"); derived forms need some length to say anything.
    forms = {form for form in forms if len(form) >= MIN_STEM} | {surface}
    return Word(surface, lemma, frozenset(forms), known)


def words(text: str, language: str) -> list[Word]:
    """Every word of a text in comparable form."""
    return [word(token, language) for token in tokens(text, language)]


def lemmas(text: str, language: str) -> list[str]:
    """The lemmas of a text's words, e.g. to cluster texts on."""
    return [item.lemma for item in words(text, language)]


def detect_language(text: str, candidates: tuple[str, ...], default: str) -> str:
    """The most likely of ``candidates`` for a text whose language was not recorded (e.g. a professional's
    notes), or ``default`` when the text is too short or unclear to tell."""
    usable = tuple(language for language in candidates if language in _simplemma_languages())
    if len(tokens(text, default)) < 3 or not usable:
        return default
    ranked = _simplemma().langdetect(text, lang=usable)
    best, share = ranked[0]
    return best if best != "unk" and share >= 0.3 else default
