"""Small survey definitions the survey tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from participation.models.lines import ParticipationLine
from participation.surveys.loader import load_definition
from participation.surveys.model import Choice, Condition, Page, Question, QuestionType, SurveyDefinition
from tests.factories import texts

DEFAULT_SURVEY = Path(__file__).resolve().parents[2] / "surveys" / "bewonersenquete.yaml"


@pytest.fixture(scope="session")
def default_survey() -> SurveyDefinition:
    return load_definition(DEFAULT_SURVEY.read_text("utf-8"), str(DEFAULT_SURVEY))


@pytest.fixture
def small_survey() -> SurveyDefinition:
    """Two pages: a yes/no with a follow-up, then a page only shown to people over 17."""
    likes = Question("likes", QuestionType.YES_NO, texts("Fijn?"), required=True)
    liked = Condition.compare("likes", "equals", True)
    why = Question("why", QuestionType.SHORT_TEXT, texts("Waarom?"), required=True, show_if=liked)
    age = Question("age", QuestionType.NUMBER, texts("Leeftijd"), minimum=0, maximum=120)
    colour = Question(
        "colour",
        QuestionType.MULTIPLE_CHOICE,
        texts("Kleur"),
        required=True,
        choices=(Choice("red", texts("Rood")), Choice("blue", texts("Blauw"))),
        other_option=True,
    )
    return SurveyDefinition(
        slug="small",
        title=texts("Klein"),
        introduction=None,
        line=ParticipationLine.EXPLORE,
        default_language="nl",
        languages=("nl", "en"),
        pages=(
            Page("one", texts("Een"), (likes, why, age)),
            Page("two", texts("Twee"), (colour,), show_if=Condition.compare("age", "greater_than", 17)),
        ),
    )
