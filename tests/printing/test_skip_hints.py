"""Skip logic told in words for paper, operator by operator."""

from __future__ import annotations

import pytest

from participation.models.lines import ParticipationLine
from participation.printing.skip_hints import answer_label, question_numbers, skip_hint
from participation.surveys.model import Choice, Condition, Page, Question, QuestionType, SurveyDefinition, Texts


def en(text: str) -> Texts:
    return Texts.of({"en": text, "nl": f"{text} (nl)"})


@pytest.fixture
def survey() -> SurveyDefinition:
    questions = (
        Question("involved", QuestionType.YES_NO, en("Involved?")),
        Question(
            "transport",
            QuestionType.SINGLE_CHOICE,
            en("How do you travel?"),
            choices=(Choice("bike", en("By bike")), Choice("bus", en("By bus"))),
            other_option=True,
        ),
        Question("mark", QuestionType.RATING, en("Mark?")),
        Question("safe", QuestionType.AGREEMENT, en("I feel safe.")),
        Question("why", QuestionType.SHORT_TEXT, en("Why?")),
    )
    return SurveyDefinition(
        slug="hints",
        title=en("Hints"),
        introduction=None,
        line=ParticipationLine.EXPLORE,
        default_language="en",
        languages=("en", "nl"),
        pages=(Page("one", en("One"), questions),),
    )


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Condition.compare("involved", "equals", True), "Only if you answered “Yes” to question 1."),
        (Condition.compare("involved", "not_equals", False), "Only if you did not answer “No” to question 1."),
        (Condition.compare("transport", "equals", "bus"), "Only if you answered “By bus” to question 2."),
        (Condition.compare("transport", "equals", "other"), "Only if you answered “Other, namely” to question 2."),
        (
            Condition.compare("transport", "any_of", ["bike", "bus"]),
            "Only if you answered “By bike / By bus” to question 2.",
        ),
        (Condition.compare("mark", "greater_than", 6), "Only if your answer to question 3 is more than 6."),
        (Condition.compare("mark", "less_than", 5), "Only if your answer to question 3 is less than 5."),
        (Condition.compare("safe", "equals", 4), "Only if you answered “Agree” to question 4."),
        (Condition.compare("why", "answered"), "Only if you answered question 5."),
        (Condition.compare("why", "not_answered"), "Only if you did not answer question 5."),
        (
            Condition.all_of(Condition.compare("involved", "equals", True), Condition.compare("mark", "less_than", 5)),
            "Only if all of these apply: you answered “Yes” to question 1; your answer to question 3 is less than 5.",
        ),
        (
            Condition.any_of(Condition.compare("why", "answered"), Condition.compare("transport", "equals", "bike")),
            "Only if one of these applies: you answered question 5; you answered “By bike” to question 2.",
        ),
    ],
)
def test_each_condition_reads_as_a_sentence(survey: SurveyDefinition, condition: Condition, expected: str) -> None:
    assert skip_hint(condition, survey, question_numbers(survey), "en") == expected


def test_choice_labels_follow_the_form_language(survey: SurveyDefinition) -> None:
    transport = survey.question("transport")
    assert answer_label(transport, "bike", "nl") == "By bike (nl)"
    assert answer_label(transport, "unknown", "nl") == "unknown"


def test_a_condition_on_an_unknown_question_still_prints(survey: SurveyDefinition) -> None:
    hint = skip_hint(Condition.compare("gone", "answered"), survey, question_numbers(survey), "en")
    assert hint == "Only if you answered question gone."
