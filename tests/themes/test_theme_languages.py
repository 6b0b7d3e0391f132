"""Every shipped language names every default theme and every answer of the default survey in its own words."""

from __future__ import annotations

from itertools import combinations

import pytest
from flask import Flask
from flask_babel import force_locale

from participation.config import DEFAULT_LANGUAGES
from participation.surveys.labels import AGREEMENT_LABELS, YES_NO_LABELS
from participation.surveys.loader import load_definition
from participation.surveys.model import QuestionType
from participation.themes import load_codebook
from tests.paths import PROJECT_ROOT

LANGUAGES = DEFAULT_LANGUAGES
DEFAULT_SURVEY = PROJECT_ROOT / "surveys" / "bewonersenquete.yaml"


def test_six_languages_are_shipped() -> None:
    assert LANGUAGES == ("nl", "en", "tr", "ar", "pl", "bg")


def test_every_default_theme_has_a_label_and_a_description_in_every_shipped_language() -> None:
    for theme in load_codebook():
        labels = {"nl": theme.label_nl, "en": theme.label_en, **theme.labels}
        for language in LANGUAGES:
            assert labels.get(language, "").strip(), (theme.code, language, "label")
            description = theme.descriptions.get(language, "")
            assert description.strip().endswith("."), (theme.code, language, "description")
        # Each language in its own words: no description copied from another language.
        for first, second in combinations(LANGUAGES, 2):
            assert theme.descriptions[first] != theme.descriptions[second], (theme.code, first, second)


def test_dutch_theme_descriptions_are_dutch_and_describe_rather_than_address_the_reader() -> None:
    # They stand on staff and public pages alike, so they name what the theme covers without "u" or "je".
    for theme in load_codebook():
        words = set(theme.descriptions["nl"].lower().replace(",", " ").replace(".", " ").split())
        assert not words & {"the", "and", "such", "residents", "who"}, theme.code
        assert not words & {"u", "uw", "je", "jij", "jouw"}, theme.code


def test_every_choice_of_the_default_survey_has_a_label_in_every_shipped_language() -> None:
    definition = load_definition(DEFAULT_SURVEY.read_text(encoding="utf-8"), str(DEFAULT_SURVEY))
    assert set(definition.languages) == set(LANGUAGES)
    choices = [choice for question in definition.questions() for choice in question.choices]
    assert choices
    for choice in choices:
        for language in LANGUAGES:
            assert language in choice.label and choice.label[language].strip(), (choice.value, language)
        for first, second in combinations(LANGUAGES, 2):
            assert choice.label[first] != choice.label[second], (choice.value, first, second)


@pytest.mark.parametrize(("kind", "labels"), [("agreement", AGREEMENT_LABELS), ("yes_no", YES_NO_LABELS)])
def test_agreement_and_yes_no_answers_are_translated_in_every_shipped_language(
    app: Flask, kind: str, labels: dict[object, object]
) -> None:
    definition = load_definition(DEFAULT_SURVEY.read_text(encoding="utf-8"), str(DEFAULT_SURVEY))
    assert any(question.type is QuestionType(kind) for question in definition.questions())
    shown: dict[str, list[str]] = {}
    with app.test_request_context():
        for language in LANGUAGES:
            with force_locale(language):
                shown[language] = [str(label) for label in labels.values()]
    for language, texts in shown.items():
        assert all(text.strip() for text in texts), language
        assert len(set(texts)) == len(texts), language
    # Each language shows its own words, none another language's.
    for first, second in combinations(LANGUAGES, 2):
        assert not set(shown[first]) & set(shown[second]), (kind, first, second)
