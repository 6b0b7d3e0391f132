"""Keyword matching mechanics on a small made-up codebook: phrases, neutral phrases, guards, Dutch terms."""

from __future__ import annotations

from participation.themes.matching import build_indexes, find_matches, theme_evidence

CODEBOOK = (
    ("meeting", (("en", ("meet",)),)),
    ("money", (("en", ("ends meet",)),)),
    ("sport", (("en", ("pitch",)), ("nl", ("sport",)))),
    ("green", (("bg", ("парк",)),)),
    ("litter", (("nl", ("afval",)),)),
    ("care", (("nl", ("huisarts",)),)),
    ("housing", (("nl", ("flat",)),)),
)
NEUTRAL = (("en", ("pitch black",)),)
INDEXES = build_indexes(CODEBOOK, NEUTRAL)


def themes(text: str, language: str) -> set[str]:
    evidence, _found = theme_evidence(find_matches(text, language, INDEXES))
    return set(evidence)


def test_a_phrase_takes_its_words_from_the_single_keywords() -> None:
    assert themes("We can't make ends meet.", "en") == {"money"}
    assert themes("Let's meet on Friday.", "en") == {"meeting"}


def test_a_neutral_phrase_names_no_theme_and_takes_its_words_out() -> None:
    assert themes("The alley is pitch black.", "en") == set()
    assert themes("The football pitch is closed.", "en") == {"sport"}


def test_an_unknown_word_matches_a_keyword_it_starts_with_only_when_an_ending_follows() -> None:
    assert themes("Паркът е мръсен.", "bg") == {"green"}  # definite article
    assert themes("Колите паркират навсякъде.", "bg") == set()  # a verb, not the park


def test_a_dutch_compound_matches_its_head_unless_it_is_a_word_of_its_own() -> None:
    assert themes("Overal zwerfafval.", "nl") == {"litter"}
    assert themes("Het transport is geregeld.", "nl") == set()


def test_dutch_terms_match_inside_other_languages_but_not_words_of_that_language() -> None:
    assert themes("Huisarts'a gidemiyorum.", "tr") == {"care"}
    assert themes("I called the huisarts twice.", "en") == {"care"}
    assert themes("Our flat is nice.", "en") == set()  # "flat" is an English word too
