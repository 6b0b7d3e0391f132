"""Skip logic in plain words, for paper: "Only if you answered “Yes” to question 7."

On paper nobody hides a question for the respondent, so each conditional question and page carries a note that
says when to answer it. Questions are referred to by their number on the form. Texts are translated in the locale
that is active (the caller wraps the form in ``force_locale``).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from participation.surveys.conditions import OTHER, Condition, Operator, Scalar
from participation.surveys.labels import AGREEMENT_LABELS, OTHER_LABEL, YES_NO_LABELS
from participation.surveys.model import Question, QuestionType, SurveyDefinition

__all__ = ["answer_label", "condition_text", "question_numbers", "skip_hint"]


def question_numbers(definition: SurveyDefinition) -> dict[str, int]:
    """The number each question has on paper: 1, 2, 3 ... through the whole survey, hidden or not."""
    return {question.id: number for number, question in enumerate(definition.questions(), start=1)}


def answer_label(question: Question | None, value: Any, language: str, fallback: str | None = None) -> str:
    """How an answer value reads on the form: a choice's label, "Yes"/"No", an agreement label, or the number."""
    if isinstance(value, bool):
        return str(YES_NO_LABELS[value])
    if question is not None:
        if question.type is QuestionType.AGREEMENT and isinstance(value, int) and value in AGREEMENT_LABELS:
            return str(AGREEMENT_LABELS[value])
        if isinstance(value, str):
            choice = question.choice(value)
            if choice is not None:
                return choice.label.get(language, fallback)
            if value == OTHER and question.other_option:
                return str(OTHER_LABEL)
    return str(value)


def _numbered(definition: SurveyDefinition, numbers: dict[str, int], question_id: str) -> tuple[Question | None, str]:
    try:
        question = definition.question(question_id)
    except KeyError:
        # A condition on an unknown question cannot be told in words; its id is the best we can print.
        return None, question_id
    return question, str(numbers.get(question_id, question_id))


def condition_text(condition: Condition, definition: SurveyDefinition, numbers: dict[str, int], language: str) -> str:
    """The condition as a clause that completes "Only if ...", in the active locale."""
    if condition.operator in (Operator.ALL, Operator.ANY):
        parts = "; ".join(condition_text(part, definition, numbers, language) for part in condition.conditions)
        if condition.operator is Operator.ALL:
            return str(_("all of these apply: %(conditions)s", conditions=parts))
        return str(_("one of these applies: %(conditions)s", conditions=parts))
    assert condition.question is not None
    question, number = _numbered(definition, numbers, condition.question)
    fallback = definition.default_language

    def label(value: Scalar) -> str:
        return answer_label(question, value, language, fallback)

    op, value = condition.operator, condition.value
    if op is Operator.ANSWERED:
        return str(_("you answered question %(number)s", number=number))
    if op is Operator.NOT_ANSWERED:
        return str(_("you did not answer question %(number)s", number=number))
    if op is Operator.ANY_OF:
        values = value if isinstance(value, tuple) else ()
        answers = " / ".join(label(item) for item in values)
        return str(_("you answered “%(answers)s” to question %(number)s", answers=answers, number=number))
    shown = label(value) if isinstance(value, Scalar) else ""
    if op is Operator.NOT_EQUALS:
        return str(_("you did not answer “%(answer)s” to question %(number)s", answer=shown, number=number))
    if op is Operator.GREATER_THAN:
        return str(_("your answer to question %(number)s is more than %(value)s", number=number, value=str(value)))
    if op is Operator.LESS_THAN:
        return str(_("your answer to question %(number)s is less than %(value)s", number=number, value=str(value)))
    return str(_("you answered “%(answer)s” to question %(number)s", answer=shown, number=number))


def skip_hint(condition: Condition, definition: SurveyDefinition, numbers: dict[str, int], language: str) -> str:
    """The note printed under a conditional question or page title: "Only if you answered “Yes” to question 7."."""
    return str(_("Only if %(condition)s.", condition=condition_text(condition, definition, numbers, language)))
