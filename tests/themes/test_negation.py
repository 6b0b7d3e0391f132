"""Negation per language: what a denial, an absence and a reassuring clause take back."""

from __future__ import annotations

import pytest

from participation.themes.lemmas import tokens
from participation.themes.negation import negation


def scope(text: str, language: str) -> tuple[set[str], set[str], bool]:
    clause = tokens(text, language)
    found = negation(clause, language)
    return {clause[i] for i in found.denied}, {clause[i] for i in found.absent}, found.reassurance


@pytest.mark.parametrize(
    ("language", "text", "denied"),
    [
        ("nl", "ik voel me hier niet eenzaam", "eenzaam"),
        ("en", "i am not lonely at all", "lonely"),
        ("pl", "nie czuję się samotna", "samotna"),
        ("bg", "не се чувствам самотна", "самотна"),
        ("tr", "burada yalnız değilim", "yalnız"),  # the cue follows what it denies
        ("tr", "kendimi yalnız hissetmiyorum", "yalnız"),  # negation inside the verb
    ],
)
def test_a_denial_takes_back_the_words_it_scopes_over(language: str, text: str, denied: str) -> None:
    assert denied in scope(text, language)[0]


@pytest.mark.parametrize(
    ("language", "text", "absent"),
    [
        ("nl", "er is geen speeltuin", "speeltuin"),
        ("en", "there is no playground", "playground"),
        ("en", "we don't have a job", "job"),  # a denial of "have" is an absence
        ("pl", "nie ma placu zabaw", "placu"),
        ("bg", "няма детска площадка", "детска"),
        ("nl", "er is niet genoeg licht", "licht"),  # "not enough" is a lack
    ],
)
def test_an_absence_is_kept_apart_from_a_denial(language: str, text: str, absent: str) -> None:
    denied, absences, _reassurance = scope(text, language)
    assert absent in absences and absent not in denied


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "we hebben geen last van de buren"),
        ("en", "no problems with drugs or noise here"),
        ("tr", "burada uyuşturucu sorunu yok"),
        ("ar", "لا توجد مشاكل مع المخدرات"),
        ("pl", "nie mamy problemów z hałasem"),
        ("bg", "нямаме проблеми с шума"),
    ],
)
def test_a_negation_next_to_a_word_for_problem_makes_the_clause_reassuring(language: str, text: str) -> None:
    assert scope(text, language)[2]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "i can't find a job"),  # inability is a complaint
        ("tr", "eşim iş bulamıyor"),  # Turkish abilitative negation: the same
        ("nl", "ik zoek al een jaar werk"),
        ("fr", "je ne trouve pas de travail"),  # a language without cues: nothing is negated
    ],
)
def test_inability_and_plain_statements_are_not_negated(language: str, text: str) -> None:
    assert scope(text, language) == (set(), set(), False)


@pytest.mark.parametrize(
    ("language", "text", "missing"),
    [
        ("ar", "لا نادي ولا ورشة للشباب", {"نادي", "ورشة"}),
        ("en", "neither a club nor a youth centre", {"club", "youth"}),
        ("pl", "ani klubu ani świetlicy", {"klubu", "świetlicy"}),
        ("bg", "нито клуб нито игрище", {"клуб", "игрище"}),
    ],
)
def test_neither_nor_lists_what_is_missing(language: str, text: str, missing: set[str]) -> None:
    denied, absences, _reassurance = scope(text, language)
    assert missing <= absences and not missing & denied


@pytest.mark.parametrize(
    ("language", "text", "denied"),
    [("nl", "drugs zie ik hier eigenlijk nooit", "drugs"), ("bg", "шум няма", "шум")],
)
def test_a_cue_that_closes_its_clause_looks_back(language: str, text: str, denied: str) -> None:
    negated, absent, _reassurance = scope(text, language)
    assert denied in negated | absent
