"""Surveys and conversation logs share one list of age bands, children and young people first."""

from pathlib import Path

from participation.indicators.tallies import band_of
from participation.surveys.age_bands import age_bands, band_codes
from participation.surveys.loader import load_definition

DEFAULT_SURVEY = Path(__file__).resolve().parents[2] / "surveys" / "bewonersenquete.yaml"


def test_the_list_starts_with_children_and_young_people() -> None:
    assert band_codes() == ("under_12", "12_17", "18_24", "25_44", "45_64", "65_plus")
    assert all(band.label.languages == ("ar", "bg", "en", "nl", "pl", "tr") for band in age_bands())


def test_the_default_survey_asks_the_shared_bands_then_no_answer() -> None:
    definition = load_definition(DEFAULT_SURVEY.read_text(encoding="utf-8"), "bewonersenquete.yaml")
    question = next(q for page in definition.pages for q in page.questions if q.id == "age_group")
    assert [choice.value for choice in question.choices] == [f"age_{band}" for band in band_codes()] + ["no_answer"]
    assert question.choices[0].label.get("ar") == "أقل من 12 سنة"


def test_survey_answers_are_weighted_in_the_population_band_they_lie_in() -> None:
    assert [band_of(f'"age_{band}"') for band in band_codes()] == ["", "", "15_24", "25_44", "45_64", "65_plus"]
    assert band_of("no_answer") == band_of(None) == ""
