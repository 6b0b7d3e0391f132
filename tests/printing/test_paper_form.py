"""Paper forms: every question numbered, skip logic in words, section titles, and Arabic shaped right to left."""

from __future__ import annotations

import pytest
from flask import Flask

from participation.printing.paper_form import PAGE_COUNT_STAND_IN, paper_form_pdf
from participation.printing.poster import UnknownLanguage
from participation.surveys.model import SurveyDefinition
from tests.printing.pdf_text import pdf_pages, pdf_text


def test_the_english_form_has_every_question_numbered_with_page_titles(default_survey: SurveyDefinition) -> None:
    text = pdf_text(paper_form_pdf(default_survey, "en", version=2))
    assert "Residents' survey Dordt West" in text
    assert "How to fill in this form" in text
    for number, question in enumerate(default_survey.questions(), start=1):
        assert f"{number}. {question.text['en']}" in text, question.id
    for page in default_survey.pages:
        assert page.title["en"] in text
    # Choices, fixed scales and the parts of a location or contact question are all on paper.
    assert "Strongly disagree" in text and "Neither agree nor disagree" in text
    assert "Very good" in text and "Other, namely" in text
    assert "Postcode" in text and "I would rather not say where" in text and "E-mail address" in text
    assert "Thank you for filling in this form." in text


def test_skip_logic_is_told_in_words(default_survey: SurveyDefinition) -> None:
    text = pdf_text(paper_form_pdf(default_survey, "en"))
    # The contact page is only shown online to whoever answered yes to question 10 (wants_involved).
    assert "10. Would you like to share ideas or help to make your neighbourhood better?" in text
    assert "Only if you answered “Yes” to question 10." in text


def test_the_footer_names_form_version_and_language_and_numbers_the_pages(default_survey: SurveyDefinition) -> None:
    pages = pdf_pages(paper_form_pdf(default_survey, "nl", version=3))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "bewonersenquete · v3 · NL" in page
        assert f"Page {number} of {len(pages)}" in page
        assert str(PAGE_COUNT_STAND_IN) not in page


def test_the_arabic_form_is_shaped_and_extracts_as_arabic(default_survey: SurveyDefinition) -> None:
    text = pdf_text(paper_form_pdf(default_survey, "ar"))
    assert "استبيان سكان دوردت وست" in text
    # Extraction maps the shaped glyphs (initial, medial, final forms) back to the letters typed in the survey.
    assert default_survey.question("health").text["ar"] in text
    assert default_survey.question("rating_neighbourhood").text["ar"] in text
    assert "جيدة جدًا" in text  # a choice label


def test_fixed_texts_follow_the_form_language_in_an_app(app: Flask, default_survey: SurveyDefinition) -> None:
    with app.app_context():
        arabic = pdf_text(paper_form_pdf(default_survey, "ar"))
        dutch = pdf_text(paper_form_pdf(default_survey, "nl"))
    assert "نعم" in arabic  # "Yes" of the yes/no question, from the Arabic catalog
    assert "Ja" in dutch.split() and "Welk cijfer geeft u uw buurt?" in dutch


@pytest.mark.parametrize("language", ["tr", "pl", "bg"])
def test_every_shipped_language_renders(default_survey: SurveyDefinition, language: str) -> None:
    text = pdf_text(paper_form_pdf(default_survey, language))
    assert default_survey.title[language] in text
    assert default_survey.question("household").text[language] in text


def test_a_language_the_survey_lacks_is_refused(default_survey: SurveyDefinition) -> None:
    with pytest.raises(UnknownLanguage):
        paper_form_pdf(default_survey, "fr")
