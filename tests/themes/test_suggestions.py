"""Suggestions: lemma matching per language, explainable matches, learning from decisions, proposed codings,
and the quality goals on the held-out set (the same evaluation as bench/themes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from participation.models.base import DbSession
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes import suggestions
from participation.themes.evaluation import HELD_OUT_FILE, Scores, codebook_themes, evaluate, meets, queue_order
from participation.themes.examples import EXAMPLES_FILE, Example, load_examples
from participation.themes.lemmas import detect_language, tokens, word
from participation.themes.subjects import SubjectText
from participation.themes.suggestions import (
    THRESHOLD,
    SuggestionModel,
    build_model,
    keyword_model,
    learn,
    propose_codings,
    suggest,
)

# What every language reached on the held-out set at cold start (nl is the lowest: 0.70 and 0.66), less a margin.
REACHED_PRECISION = 0.65
REACHED_RECALL = 0.6


@pytest.fixture(scope="module")
def model() -> SuggestionModel:
    return keyword_model(codebook_themes())


def codes(text: str, language: str, model: SuggestionModel) -> set[str]:
    return {suggestion.theme_code for suggestion in suggest(text, language, model)}


@pytest.mark.parametrize(("path", "per_language"), [(EXAMPLES_FILE, 25), (HELD_OUT_FILE, 40)])
def test_both_labelled_sets_are_big_enough_and_use_only_codebook_themes(path: Path, per_language: int) -> None:
    labelled = load_examples(path)
    known = {theme.code for theme in codebook_themes()}
    for language in ("nl", "en", "tr", "ar", "pl", "bg"):
        assert sum(item.language == language for item in labelled) >= per_language, language
    assert all(item.themes <= known for item in labelled)
    assert any(len(item.themes) == 2 for item in labelled) and any(not item.themes for item in labelled)


def test_the_held_out_set_shares_no_text_with_the_examples() -> None:
    examples = {(item.language, item.text) for item in load_examples(EXAMPLES_FILE)}
    assert not examples & {(item.language, item.text) for item in load_examples(HELD_OUT_FILE)}


def test_the_held_out_figures_do_not_fall_below_those_measured(model: SuggestionModel) -> None:
    # The goal (precision >= 0.85 and recall >= 0.7 in every language) is not met yet: bench/themes.py prints it as
    # MISSED. This keeps what was reached on the held-out set from slipping back unnoticed.
    scores = evaluate(model, load_examples(HELD_OUT_FILE), THRESHOLD)
    assert set(scores) == {"nl", "en", "tr", "ar", "pl", "bg"}
    assert meets(scores, precision=REACHED_PRECISION, recall=REACHED_RECALL) == []
    total = sum(scores.values(), Scores(0, 0, 0, 0))
    assert (total.precision, total.recall) >= (0.78, 0.7)


@pytest.mark.parametrize(
    ("language", "text", "theme"),
    [
        ("nl", "Overal zwerfafval en vuilniszakken naast de bakken.", "litter"),  # compound head, plural
        ("en", "Mould everywhere in the bathroom, the landlord won't come.", "housing_quality"),
        ("tr", "Salıncakları kırık, çocuklar oynayamıyor.", "playgrounds"),  # agglutinated forms
        ("ar", "الإيجار أصبح غاليا جدا.", "housing_costs"),  # article stripped, alef unified
        ("pl", "Pod blokiem sprzedają narkotyki.", "drugs"),
        ("bg", "Наемът се вдигна отново.", "housing_costs"),  # definite article of a noun
    ],
)
def test_inflected_words_match_their_keywords_in_each_language(
    model: SuggestionModel, language: str, text: str, theme: str
) -> None:
    assert theme in codes(text, language, model)


def test_suggestions_say_which_words_matched(model: SuggestionModel) -> None:
    [suggestion] = [
        item for item in suggest("Schimmel en vocht in de woning.", "nl", model) if item.theme_code == "housing_quality"
    ]
    assert set(suggestion.matched_words) == {"schimmel", "vocht"}
    assert 0.8 < suggestion.confidence <= 1.0


def test_a_text_about_nothing_gets_no_suggestion(model: SuggestionModel) -> None:
    assert suggest("Dank u wel, fijne dag verder!", "nl", model) == []
    assert suggest("", "en", model) == []


def test_a_language_without_keywords_or_lemmatiser_gives_no_error(model: SuggestionModel) -> None:
    assert suggest("Il y a des ordures partout", "fr", model) == []
    assert word("ordures", "xx").forms >= {"ordures", "ordur"}  # the fallback stem strips a light ending


def test_turkish_dotted_capital_i_is_lower_cased_the_turkish_way() -> None:
    assert tokens("İŞSİZİM", "tr") == ["işsizim"]
    assert tokens("IŞIK", "tr") == ["ışık"]


def test_notes_language_is_detected_with_dutch_as_default() -> None:
    languages = ("nl", "en", "tr", "ar", "pl", "bg")
    assert detect_language("The residents told us the streetlights are broken again", languages, "nl") == "en"
    assert detect_language("kort", languages, "nl") == "nl"


def confidence(text: str, code: str, model: SuggestionModel) -> float:
    return next((item.confidence for item in suggest(text, "nl", model, threshold=0.0) if item.theme_code == code), 0.0)


def test_accepted_codings_teach_new_words_and_rejections_lower_a_theme(model: SuggestionModel) -> None:
    text = "De zweefmolen wankelt. Kinderen spelen er."
    assert (
        "zweefmolen"
        not in next(item for item in suggest(text, "nl", model, 0.0) if item.theme_code == "playgrounds").matched_words
    )
    accepted = [
        (SubjectText(SubjectType.ANSWER, number, sentence, "nl"), "playgrounds", True)
        for number, sentence in enumerate(
            ["De zweefmolen is kapot.", "Zweefmolen wankelt al maanden.", "Nieuwe zweefmolen!"]
        )
    ]
    taught = learn(model, accepted)
    [suggestion] = [item for item in suggest(text, "nl", taught) if item.theme_code == "playgrounds"]
    assert "zweefmolen" in suggestion.matched_words
    assert suggestion.confidence > confidence(text, "playgrounds", model)

    noisy = "Er is veel geluid van de buren."
    rejected = [
        (SubjectText(SubjectType.ANSWER, number, sentence, "nl"), "noise", False)
        for number, sentence in enumerate(["Geluid van de buren.", "De buren maken veel geluid.", "Buren geluid"])
    ]
    assert confidence(noisy, "noise", learn(model, rejected)) < confidence(noisy, "noise", model)


def test_propose_codings_writes_proposed_suggestions_once(loaded_app: Flask, session: DbSession) -> None:
    built = build_model(session)
    text = "Overal afval bij de containers, en de lantaarnpaal is kapot dus het is er donker."
    created = propose_codings(session, built, SubjectType.CONVERSATION, 7, text, "nl")
    assert {coding.theme.code for coding in created} == {"litter", "lighting"}
    assert all(
        coding.origin is CodingOrigin.SUGGESTION and coding.status is CodingStatus.PROPOSED and coding.confidence
        for coding in created
    )
    assert created[0].details["matched_words"]
    assert propose_codings(session, built, SubjectType.CONVERSATION, 7, text, "nl") == []
    assert len(session.scalars(select(ThemeCoding)).all()) == 2


@pytest.mark.parametrize("text", ["ok", "tv", "2x", "x", "التلفاز tv لا يعمل ok"])
def test_a_word_too_short_to_stem_is_its_own_lemma(text: str) -> None:
    for keyword in (False, True):
        for token in tokens(text, "ar"):
            item = word(token, "ar", keyword=keyword)
            assert item.lemma and token in item.forms


def test_a_short_keyword_in_arabic_gives_suggestions_instead_of_an_error() -> None:
    theme = Theme(code="tv", label_nl="Tv", label_en="TV", pillar=1, goals=[1], keywords={"ar": ["tv"]}, active=True)
    model = keyword_model([theme])
    assert [found.theme_code for found in suggest("التلفاز tv لا يعمل", "ar", model, 0.0)] == ["tv"]


def test_the_learning_curve_meets_the_languages_in_turn_as_a_review_queue_does() -> None:
    grouped = [
        Example(language, f"{language} {number}", frozenset()) for language in ("nl", "en", "tr") for number in range(3)
    ]
    grouped.append(Example("ar", "ar 0", frozenset()))
    ordered = queue_order(grouped)
    assert [item.language for item in ordered[:4]] == ["nl", "en", "tr", "ar"]
    assert sorted(ordered, key=grouped.index) == grouped  # every text once


def test_confidences_use_the_constants_in_force_when_called(
    model: SuggestionModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    # bench/themes.py --fit scores with constants it has just fitted by setting them on the module.
    before = confidence("Schimmel en vocht in de woning.", "housing_quality", model)
    monkeypatch.setattr(suggestions, "CALIBRATION", (-10.0, 0.0, 0.0, 0.0, 0.0))
    assert confidence("Schimmel en vocht in de woning.", "housing_quality", model) < 0.01 < before
