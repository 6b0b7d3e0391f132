from __future__ import annotations

from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from participation.surveys.answers import (
    chosen_values,
    drop_hidden,
    other_text,
    parse_form,
    parse_form_value,
    validate_answer,
    validate_answers,
)
from participation.surveys.errors import MESSAGES, AnswerError
from participation.surveys.model import Choice, Question, QuestionType, SurveyDefinition
from tests.factories import texts

CHOICES = (Choice("a", texts("A")), Choice("b", texts("B")), Choice("c", texts("C")))
SINGLE = Question("single", QuestionType.SINGLE_CHOICE, texts("Een"), choices=CHOICES, other_option=True)
MULTIPLE = Question("multi", QuestionType.MULTIPLE_CHOICE, texts("Meer"), choices=CHOICES, other_option=True)
PLAIN_SINGLE = Question("plain", QuestionType.SINGLE_CHOICE, texts("Een"), choices=CHOICES)
RATING = Question("rating", QuestionType.RATING, texts("Cijfer"), required=True)
AGREEMENT = Question("agree", QuestionType.AGREEMENT, texts("Eens"))
NUMBER = Question("number", QuestionType.NUMBER, texts("Getal"), minimum=0, maximum=120)
DECIMAL = Question("decimal", QuestionType.NUMBER, texts("Getal"), minimum=0, decimals=True)
AT_MOST = Question("at_most", QuestionType.NUMBER, texts("Getal"), maximum=10)
YES_NO = Question("yes_no", QuestionType.YES_NO, texts("Ja?"))
SHORT = Question("short", QuestionType.SHORT_TEXT, texts("Kort"), max_length=10)
LONG = Question("long", QuestionType.LONG_TEXT, texts("Lang"))
CONTACT = Question("contact", QuestionType.CONTACT_CONSENT, texts("Contact?"))
WHERE = Question("where", QuestionType.LOCATION, texts("Waar?"))
REQUIRED_WHERE = Question("where", QuestionType.LOCATION, texts("Waar?"), required=True)


@pytest.mark.parametrize(
    ("question", "raw", "other", "parts", "expected"),
    [
        (SINGLE, ["a"], None, None, "a"),
        (SINGLE, [], None, None, None),
        (SINGLE, ["other"], " de markt ", None, {"other": "de markt"}),
        (SINGLE, [], "typed without ticking", None, {"other": "typed without ticking"}),
        (SINGLE, ["other"], None, None, {"other": ""}),
        (PLAIN_SINGLE, ["other"], "ignored", None, "other"),
        (MULTIPLE, ["a", "c", "a"], None, None, ["a", "c"]),
        (MULTIPLE, ["a", "other"], "meer groen", None, {"choices": ["a"], "other": "meer groen"}),
        (MULTIPLE, [], "", None, None),
        (RATING, ["7"], None, None, 7),
        (RATING, [" 10 "], None, None, 10),
        (RATING, ["zeven"], None, None, "zeven"),
        (AGREEMENT, ["4"], None, None, 4),
        (NUMBER, ["42"], None, None, 42),
        (NUMBER, ["2,5"], None, None, 2.5),
        (NUMBER, ["3,0"], None, None, 3),
        (NUMBER, ["inf"], None, None, "inf"),
        (NUMBER, [""], None, None, None),
        (YES_NO, ["yes"], None, None, True),
        (YES_NO, ["no"], None, None, False),
        (YES_NO, ["misschien"], None, None, "misschien"),
        (SHORT, ["  <script>alert(1)</script>  "], None, None, "<script>alert(1)</script>"),
        (LONG, ['=HYPERLINK("http://x","y")'], None, None, '=HYPERLINK("http://x","y")'),
        (LONG, ["   "], None, None, None),
        (SHORT, ["a\x00b"], None, None, "a\x00b"),  # kept as typed: validation refuses it
        (CONTACT, ["yes"], None, {"name": " Fatma ", "email": "f@example.nl", "phone": ""},
         {"consent": True, "name": "Fatma", "email": "f@example.nl"}),
        (CONTACT, ["no"], None, {"name": "Fatma"}, {"consent": False}),
        (CONTACT, [], None, {"name": "Fatma"}, None),
        (WHERE, ["map"], None, {"lat": "51.8", "lon": "4,66"}, {"lat": 51.8, "lon": 4.66, "source": "map"}),
        (WHERE, ["gps"], None, {"lat": "51.8", "lon": "4.66", "source": "gps"},
         {"lat": 51.8, "lon": 4.66, "source": "gps"}),
        (WHERE, [""], None, {"postcode": "3317 AB", "number": "12"},
         {"postcode": "3317 AB", "number": 12, "addition": None}),
        (WHERE, ["buurt"], None, {"buurt": "BU05050401", "street": ""}, {"buurt": "BU05050401", "street": None}),
        (WHERE, ["skip"], None, None, {"skipped": True}),
        (WHERE, [], None, None, None),
    ],
)  # fmt: skip
def test_parse_form_value(question: Question, raw: list[str], other: str | None, parts: Any, expected: Any) -> None:
    assert parse_form_value(question, raw, other, parts) == expected


def test_parse_form_reads_every_field_of_a_page() -> None:
    form = MultiDict(
        [("multi", "a"), ("multi", "other"), ("multi__other", "bankjes"), ("contact", "yes"),
         ("contact__email", "x@example.nl"), ("where", "address"), ("where__postcode", "3317ab"),
         ("where__number", "8"), ("where__addition", "bis"), ("rating", "")]
    )  # fmt: skip
    answers = parse_form([MULTIPLE, CONTACT, WHERE, RATING], form)
    assert answers == {
        "multi": {"choices": ["a"], "other": "bankjes"},
        "contact": {"consent": True, "email": "x@example.nl"},
        "where": {"postcode": "3317ab", "number": 8, "addition": "bis"},
    }


@pytest.mark.parametrize(
    ("question", "value", "code"),
    [
        (SINGLE, "a", None),
        (SINGLE, "d", "not_a_choice"),
        (SINGLE, ["a"], "not_a_choice"),
        (SINGLE, 1, "not_a_choice"),
        (SINGLE, {"other": "de markt"}, None),
        (SINGLE, {"other": "  "}, "other_missing"),
        (SINGLE, {"other": "x" * 501}, "too_long"),
        (SINGLE, {"choices": ["a"], "other": "x"}, "not_a_choice"),
        (PLAIN_SINGLE, {"other": "x"}, "not_a_choice"),
        (MULTIPLE, ["a", "b"], None),
        (MULTIPLE, ["a", "a"], "not_a_choice"),
        (MULTIPLE, ["a", "z"], "not_a_choice"),
        (MULTIPLE, "a", "not_a_choice"),
        (MULTIPLE, {"choices": ["b"], "other": "meer"}, None),
        (MULTIPLE, {"choices": [], "other": "meer"}, None),
        (MULTIPLE, {"choices": ["b"]}, "not_a_choice"),
        (RATING, 1, None),
        (RATING, 10, None),
        (RATING, 11, "out_of_range"),
        (RATING, 0, "out_of_range"),
        (RATING, None, "required"),
        (RATING, 7.5, "not_whole_number"),
        (RATING, "7", "not_a_number"),
        (RATING, True, "not_a_number"),
        (AGREEMENT, 5, None),
        (AGREEMENT, 6, "out_of_range"),
        (NUMBER, 120, None),
        (NUMBER, -1, "out_of_range"),
        (NUMBER, 2.5, "not_whole_number"),
        (NUMBER, float("nan"), "not_a_number"),
        (DECIMAL, 2.5, None),
        (DECIMAL, -0.5, "too_small"),
        (AT_MOST, 11, "too_large"),
        (AT_MOST, -1000, None),
        (YES_NO, False, None),
        (YES_NO, "yes", "not_yes_no"),
        (YES_NO, 1, "not_yes_no"),
        (SHORT, "<b>hi</b>", None),
        (SHORT, "x" * 11, "too_long"),
        (SHORT, 12, "not_text"),
        (SHORT, "a\x00", "invalid_characters"),
        (SHORT, "a\x1bb", "invalid_characters"),
        (SHORT, "a\tb\r\nc", None),
        (LONG, "x" * 4000, None),
        (LONG, "x" * 4001, "too_long"),
        (CONTACT, {"consent": False}, None),
        (CONTACT, {"consent": False, "email": "a@example.nl"}, "invalid"),
        (CONTACT, {"consent": True, "email": "a@example.nl"}, None),
        (CONTACT, {"consent": True, "phone": "+31 6 1234 5678", "name": "Piet"}, None),
        (CONTACT, {"consent": True, "name": "Piet"}, "contact_missing"),
        (CONTACT, {"consent": True, "email": "not an address"}, "invalid_email"),
        (CONTACT, {"consent": True, "phone": "call me"}, "invalid_phone"),
        (CONTACT, {"consent": True, "email": "a@example.nl", "name": "x" * 201}, "too_long"),
        (CONTACT, {"consent": "yes"}, "invalid"),
        (CONTACT, {"consent": True, "email": "a@example.nl", "extra": 1}, "invalid"),
        (WHERE, {"lat": 51.8, "lon": 4.66, "source": "map"}, None),
        (WHERE, {"lat": 51.8, "lon": 4.66, "source": "guess"}, "invalid_location"),
        (WHERE, {"lat": 91, "lon": 4.66, "source": "gps"}, "invalid_location"),
        (WHERE, {"lat": "51.8", "lon": 4.66, "source": "gps"}, "invalid_location"),
        (WHERE, {"postcode": "3317 AB", "number": 12, "addition": None}, None),
        (WHERE, {"postcode": "3317AB", "number": 12}, None),
        (WHERE, {"postcode": "ABC", "number": 12}, "invalid_postcode"),
        (WHERE, {"postcode": "3317 AB", "number": "12"}, "invalid_house_number"),
        (WHERE, {"postcode": "3317 AB", "number": 12, "addition": "x" * 11}, "invalid_location"),
        (WHERE, {"buurt": "BU05050401", "street": "Brouwersdijk"}, None),
        (WHERE, {"buurt": "Wielwijk"}, "invalid_location"),
        (WHERE, {"buurt": "BU05050401", "street": "x" * 201}, "invalid_location"),
        (WHERE, {"skipped": True}, None),
        (WHERE, {"skipped": False}, "invalid_location"),
        (WHERE, {"lat": 51.8, "postcode": "3317 AB"}, "invalid_location"),
        (WHERE, "Wielwijk", "invalid_location"),
        (REQUIRED_WHERE, {"skipped": True}, "required"),
    ],
)
def test_validate_answer(question: Question, value: Any, code: str | None) -> None:
    problem = validate_answer(question, value)
    assert (problem.code if problem else None) == code


def test_validate_answers_checks_visible_questions_and_unknown_ids(small_survey: SurveyDefinition) -> None:
    errors = validate_answers(small_survey, {"likes": True, "surprise": "x"})
    assert {key: error.code for key, error in errors.items()} == {"surprise": "unknown_question", "why": "required"}
    # "why" is hidden when likes is False, and "colour" only shows to people over 17.
    assert validate_answers(small_survey, {"likes": False, "why": 12, "age": 12}) == {}
    errors = validate_answers(small_survey, {"likes": False, "age": 30})
    assert {key: error.code for key, error in errors.items()} == {"colour": "required"}
    assert validate_answers(small_survey, {"likes": False, "age": 30}, only={"likes", "age"}) == {}


def test_drop_hidden_keeps_only_what_the_resident_could_see(small_survey: SurveyDefinition) -> None:
    answers = {"likes": False, "why": "stale", "age": 12, "colour": ["red"], "unknown": 1}
    assert drop_hidden(small_survey, answers) == {"likes": False, "age": 12}


def test_default_survey_accepts_a_complete_response(default_survey: SurveyDefinition) -> None:
    answers = {
        "rating_neighbourhood": 7, "safe_day": 4, "safe_evening": 2, "contact_neighbours": 3,
        "trust_municipality": 3, "health": "good", "good_here": "De markt", "improve_first": "Meer licht",
        "where": {"lat": 51.80, "lon": 4.66, "source": "map"}, "wants_involved": True,
        "contact_details": {"consent": True, "name": "Ayşe", "email": "ayse@example.nl"},
        "age_group": "age_25_44", "household": {"other": "met mijn oma"},
    }  # fmt: skip
    assert validate_answers(default_survey, answers) == {}
    assert validate_answers(default_survey, {}).keys() == {"rating_neighbourhood"}


def test_choice_helpers() -> None:
    assert chosen_values("a") == ("a",)
    assert chosen_values({"choices": ["a", "b"], "other": "x"}) == ("a", "b")
    assert chosen_values({"other": "x"}) == ()
    assert other_text({"other": "x"}) == "x"
    assert other_text("a") is None


def test_messages_are_plain_and_filled_in() -> None:
    assert AnswerError("required").message == "Please answer this question."
    assert "4000" in AnswerError("too_long", {"maximum": 4000}).message
    assert AnswerError("out_of_range", {"minimum": 1, "maximum": 10}).message == "Please give a number from 1 to 10."
    assert AnswerError("outside").to_dict()["code"] == "outside"
    for code in MESSAGES:
        assert "%(" not in AnswerError(code, {"minimum": 1, "maximum": 2}).message
    with pytest.raises(ValueError):
        AnswerError("no_such_code")


def test_messages_render_inside_a_request() -> None:
    from flask import Flask
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        assert AnswerError("not_a_number").message.startswith("Please give a number")
