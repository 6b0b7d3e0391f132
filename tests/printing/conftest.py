"""The default survey definition, shared by the printing tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from participation.surveys.loader import load_definition
from participation.surveys.model import SurveyDefinition

DEFAULT_SURVEY = Path(__file__).resolve().parents[2] / "surveys" / "bewonersenquete.yaml"


@pytest.fixture(scope="session")
def default_survey() -> SurveyDefinition:
    return load_definition(DEFAULT_SURVEY.read_text("utf-8"), str(DEFAULT_SURVEY))
