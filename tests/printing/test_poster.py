"""The poster: the link it encodes, its QR code read back from the SVG, and its text in the chosen languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import segno
from flask import Flask
from flask_babel import force_locale

from participation.printing.poster import CALL_TO_SCAN, UnknownLanguage, poster_pdf, poster_svg
from participation.printing.qr import survey_link
from participation.surveys.model import SurveyDefinition
from tests.printing.pdf_text import pdf_pages

SVG = "{http://www.w3.org/2000/svg}"
URL = "https://doemee.example/nl/s/bewonersenquete/?c=flyer-west"
RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-\3z")


def read_qr(svg: str) -> tuple[str, list[list[bool]]]:
    """The URL the poster says it encodes, and the module matrix rebuilt from the drawn path."""
    root = ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed
    group = root.find(f"{SVG}g[@id='qr-code']")
    assert group is not None
    size = int(group.attrib["data-modules"])
    path = group.find(f"{SVG}path")
    assert path is not None
    matrix = [[False] * size for _ in range(size)]
    drawn = path.attrib["d"]
    runs = RUN.findall(drawn)
    assert "".join(f"M{x} {y}h{n}v1h-{n}z" for x, y, n in runs) == drawn  # nothing in the path but runs
    for x, y, length in runs:
        for column in range(int(x), int(x) + int(length)):
            matrix[int(y)][column] = True
    return group.attrib["data-url"], matrix


def segno_matrix(url: str) -> list[list[bool]]:
    return [[bool(module) for module in row] for row in segno.make(url, error="m", micro=False).matrix]


def test_survey_link_is_absolute_with_language_and_campaign() -> None:
    assert survey_link("https://doemee.example/", "bewonersenquete", "ar") == (
        "https://doemee.example/ar/s/bewonersenquete/"
    )
    assert survey_link("https://doemee.example", "bewonersenquete", "nl", "flyer west&co") == (
        "https://doemee.example/nl/s/bewonersenquete/?c=flyer+west%26co"
    )


def test_the_svg_qr_code_encodes_the_survey_link(default_survey: SurveyDefinition) -> None:
    svg = poster_svg(default_survey, URL, ["nl"])
    encoded_url, matrix = read_qr(svg)
    assert encoded_url == URL
    assert matrix == segno_matrix(URL)
    assert matrix != segno_matrix(URL.replace("flyer-west", "flyer-oost"))
    assert URL in svg  # printed under the code for those who cannot scan


def test_the_svg_has_the_texts_of_each_language_with_direction(default_survey: SurveyDefinition) -> None:
    svg = poster_svg(default_survey, URL, ["nl", "ar", "bg"])
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    texts = {
        element.text: element.attrib for element in root.iter(f"{SVG}text") if element.text and element.text.strip()
    }
    assert texts["Bewonersenquête Dordt West"].get("direction") is None
    assert texts["استبيان سكان دوردت وست"]["direction"] == "rtl"
    assert texts["استبيان سكان دوردت وست"]["{http://www.w3.org/XML/1998/namespace}lang"] == "ar"
    assert "Анкета за жителите на Дордт Уест" in texts
    assert str(CALL_TO_SCAN) in svg_text(svg)


def test_the_pdf_poster_is_one_page_with_title_call_and_link(default_survey: SurveyDefinition) -> None:
    data = poster_pdf(default_survey, URL, ["nl", "en", "tr", "ar", "pl", "bg"])
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    assert len(pages) == 1
    text = pages[0]
    for title in ("Bewonersenquête Dordt West", "Residents' survey Dordt West", "Dordt West Sakin Anketi"):
        assert title in text
    assert "Ankieta dla mieszkańców Dordt West" in text and "Анкета за жителите на Дордт Уест" in text
    assert "استبيان سكان دوردت وست" in text
    assert URL in text


def svg_text(svg: str) -> str:
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    return " ".join(element.text or "" for element in root.iter(f"{SVG}text"))


def test_the_call_to_scan_is_translated_per_language(app: Flask, default_survey: SurveyDefinition) -> None:
    with app.app_context():
        text = svg_text(poster_svg(default_survey, URL, ["nl", "en"]))
        with force_locale("nl"):
            dutch = str(CALL_TO_SCAN)
    assert dutch in text and str(CALL_TO_SCAN) in text


def test_a_language_the_survey_lacks_is_refused(default_survey: SurveyDefinition) -> None:
    with pytest.raises(UnknownLanguage):
        poster_pdf(default_survey, URL, ["nl", "fr"])
    with pytest.raises(UnknownLanguage):
        poster_svg(default_survey, URL, [])
