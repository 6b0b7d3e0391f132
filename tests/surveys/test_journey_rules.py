"""What a survey tells a resident before they start (how long, for whom, until when), and where a resident who
stopped goes on: the survey-definition side of issue 12."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from participation.surveys.answers import is_unanswered, parse_form, validate_answer
from participation.surveys.loader import load_definition
from participation.surveys.model import Page, SurveyDefinition
from participation.surveys.places import parse_location, validate_location
from participation.surveys.problems import DefinitionError
from tests.surveys.test_loader import GOOD


def test_duration_is_the_authors_or_two_minutes_a_page(small_survey: SurveyDefinition) -> None:
    assert small_survey.duration_minutes() == 2 * len(small_survey.pages)
    assert replace(small_survey, minutes=7).duration_minutes() == 7


def test_a_survey_is_open_to_the_end_of_its_closing_day(small_survey: SurveyDefinition) -> None:
    closing = replace(small_survey, closes=date(2026, 12, 31))
    assert closing.is_open_on(date(2026, 12, 31))
    assert not closing.is_open_on(date(2027, 1, 1))
    assert small_survey.is_open_on(date(2999, 1, 1))  # no closing day: open


def test_minutes_audience_and_closing_day_survive_publishing(small_survey: SurveyDefinition) -> None:
    told = replace(small_survey, minutes=5, audience=small_survey.title, closes=date(2027, 3, 1))
    again = SurveyDefinition.from_dict(told.to_dict())
    assert (again.minutes, again.audience, again.closes) == (5, small_survey.title, date(2027, 3, 1))
    # Definitions without them keep their fingerprint: nothing is republished for this change.
    assert "closes" not in small_survey.to_dict() and "minutes" not in small_survey.to_dict()


@pytest.mark.parametrize("written", ['"2027-03-01"', "2027-03-01"])
def test_the_closing_day_loads_quoted_or_not(written: str) -> None:
    text = GOOD.replace("line: involve\n", f"line: involve\nminutes: 4\naudience: Iedereen\ncloses: {written}\n")
    if written.startswith('"'):
        definition = load_definition(text, "good.yaml")
        assert definition.closes == date(2027, 3, 1) and definition.audience is not None
        assert definition.audience.get("nl") == "Iedereen"
    else:
        # YAML reads an unquoted day as a date, which the schema refuses with its line: write it in quotes.
        with pytest.raises(DefinitionError):
            load_definition(text, "good.yaml")


def test_a_closing_day_that_is_no_day_is_refused() -> None:
    with pytest.raises(DefinitionError) as caught:
        load_definition(GOOD.replace("line: involve\n", 'line: involve\ncloses: "2027-02-30"\n'), "bad.yaml")
    assert "not a day" in caught.value.problems[0].message


def test_the_first_page_without_an_answer(small_survey: SurveyDefinition) -> None:
    assert small_survey.first_page_without_answer({}) == 1
    # Page two shows only to people over 17; then it is the next page without an answer.
    assert small_survey.first_page_without_answer({"likes": False, "age": 30}) == 2
    assert small_survey.first_page_without_answer({"likes": False, "age": 30, "colour": ["red"]}) is None
    assert small_survey.first_page_without_answer({"likes": False, "age": 12}) is None


def test_the_first_page_without_an_answer_of_the_default_survey(default_survey: SurveyDefinition) -> None:
    answered = {"rating_neighbourhood": 7, "contact_neighbours": 3}
    assert default_survey.first_page_without_answer(answered) == 3
    # An answer to a question the resident cannot see does not count.
    assert default_survey.first_page_without_answer({"contact_details": {"consent": False}}) == 1


def test_a_place_with_i_would_rather_not_say_is_a_contradiction_not_a_skip(default_survey: SurveyDefinition) -> None:
    where = default_survey.question("where")
    page = Page("p", default_survey.title, (where,))
    value = parse_form(page, MultiDict({"where": "skip", "where__buurt": "BU05050401"}))["where"]
    assert not is_unanswered(value)
    problem = validate_answer(where, value)
    assert problem is not None and problem.code == "skipped_with_place"
    assert validate_location({"skipped": True}) is None
    assert parse_location("skip", {}) == {"skipped": True}
    assert validate_location(parse_location("skip", {"postcode": "3317 AB"})) is not None
