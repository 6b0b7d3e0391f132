from __future__ import annotations

import dataclasses
import json

import pytest

from participation.models.lines import ParticipationLine
from participation.surveys.model import Question, QuestionType, SurveyDefinition, Texts
from tests.factories import texts


def test_texts_fall_back_to_the_default_language_then_any() -> None:
    text = Texts.of({"nl": "Hallo", "en": "Hello"})
    assert text.get("en") == "Hello"
    assert text.get("tr", "nl") == "Hallo"
    assert text.get("tr") in ("Hallo", "Hello")
    assert "nl" in text and "tr" not in text
    assert text.languages == ("en", "nl")
    assert Texts.of({"en": "Hello", "nl": "Hallo"}) == text
    assert hash(Texts.of({"en": "Hello", "nl": "Hallo"})) == hash(text)


def test_fixed_scales_and_default_text_limits() -> None:
    rating = Question("r", QuestionType.RATING, texts("Cijfer"), minimum=3, maximum=4)
    assert (rating.minimum, rating.maximum) == (1, 10)
    agreement = Question("a", QuestionType.AGREEMENT, texts("Eens"))
    assert (agreement.minimum, agreement.maximum) == (1, 5)
    assert Question("s", QuestionType.SHORT_TEXT, texts("Kort")).max_length == 500
    assert Question("l", QuestionType.LONG_TEXT, texts("Lang")).max_length == 4000
    assert Question("l", QuestionType.LONG_TEXT, texts("Lang"), max_length=50).max_length == 50


def test_other_option_only_on_choice_questions() -> None:
    with pytest.raises(ValueError, match="other_option"):
        Question("n", QuestionType.NUMBER, texts("Getal"), other_option=True)


def test_definitions_are_frozen(small_survey: SurveyDefinition) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        small_survey.slug = "other"  # type: ignore[misc]


def test_questions_in_order_and_by_id(small_survey: SurveyDefinition) -> None:
    assert [q.id for q in small_survey.questions()] == ["likes", "why", "age", "colour"]
    assert small_survey.question("age").type is QuestionType.NUMBER
    assert small_survey.page_of("colour").id == "two"
    with pytest.raises(KeyError):
        small_survey.question("nope")


def test_round_trip_is_json_safe_and_equal(small_survey: SurveyDefinition, default_survey: SurveyDefinition) -> None:
    for definition in (small_survey, default_survey):
        snapshot = json.loads(json.dumps(definition.to_dict()))
        again = SurveyDefinition.from_dict(snapshot)
        assert again == definition
        assert again.fingerprint() == definition.fingerprint()


def test_fingerprint_changes_with_content_only(small_survey: SurveyDefinition) -> None:
    same = SurveyDefinition.from_dict(dict(reversed(list(small_survey.to_dict().items()))))
    assert same.fingerprint() == small_survey.fingerprint()
    assert len(small_survey.fingerprint()) == 64
    changed = dataclasses.replace(small_survey, title=texts("Anders"))
    assert changed.fingerprint() != small_survey.fingerprint()
    moved = dataclasses.replace(small_survey, line=ParticipationLine.INVOLVE)
    assert moved.fingerprint() != small_survey.fingerprint()


def test_visible_pages_and_questions_follow_the_answers(small_survey: SurveyDefinition) -> None:
    assert [page.id for page in small_survey.visible_pages({})] == ["one"]
    assert [page.id for page in small_survey.visible_pages({"age": 30})] == ["one", "two"]
    assert not small_survey.is_visible("why", {"likes": False})
    assert small_survey.is_visible(small_survey.question("why"), {"likes": True})
    assert small_survey.is_visible("colour", {"age": 18})
    assert not small_survey.is_visible("colour", {"age": 17})


def test_answers_to_hidden_questions_do_not_keep_later_ones_visible(small_survey: SurveyDefinition) -> None:
    # "why" depends on "likes"; a page shown because of a hidden answer would leak old answers into the flow.
    walk = small_survey.walk({"likes": False, "why": "old", "age": 40, "colour": ["red"]})
    assert walk.answers == {"likes": False, "age": 40, "colour": ["red"]}
    assert "why" not in walk.questions


def test_default_survey_covers_the_issue(default_survey: SurveyDefinition) -> None:
    assert default_survey.slug == "bewonersenquete"
    assert default_survey.line is ParticipationLine.EXPLORE
    assert default_survey.languages == ("nl", "en", "tr", "ar", "pl", "bg")
    assert 4 <= len(default_survey.pages) <= 6
    types = {q.id: q.type for q in default_survey.questions()}
    assert types["rating_neighbourhood"] is QuestionType.RATING
    assert types["where"] is QuestionType.LOCATION
    assert types["wants_involved"] is QuestionType.YES_NO
    assert types["contact_details"] is QuestionType.CONTACT_CONSENT
    assert {types["good_here"], types["improve_first"]} == {QuestionType.LONG_TEXT}
    assert {types["age_group"], types["household"]} == {QuestionType.SINGLE_CHOICE}
    assert {q.indicator for q in default_survey.indicator_questions()} == {
        "rating_neighbourhood", "safe_day", "safe_evening", "contact_neighbours", "trust_municipality", "health",
    }  # fmt: skip
    assert not default_survey.is_visible("contact_details", {"wants_involved": False})
    assert default_survey.is_visible("contact_details", {"wants_involved": True})


def test_default_survey_has_every_text_in_every_language(default_survey: SurveyDefinition) -> None:
    all_texts = [default_survey.title]
    for page in default_survey.pages:
        all_texts.append(page.title)
        for question in page.questions:
            all_texts += [question.text, *([question.help] if question.help else [])]
            all_texts += [choice.label for choice in question.choices]
    for text in all_texts:
        assert set(text.languages) == set(default_survey.languages)
        assert all(value.strip() for _, value in text.items)
