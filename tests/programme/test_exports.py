"""Exports per wijk: formulas never run in CSV or XLSX, small counts never appear, and the PDF reads right."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from flask_babel import force_locale
from openpyxl import load_workbook

from participation.models.base import DbSession
from participation.models.themes import SubjectType
from participation.programme import (
    InputDraft,
    create_input,
    csv_bytes,
    find_wijk,
    link_evidence,
    neutralise,
    wijk_programme,
    xlsx_bytes,
)
from participation.programme.document import WijkProgramme
from participation.programme.pdf import programme_pdf
from tests.factories import BUURT_A, BUURT_B, WIJK, Seeder
from tests.printing.pdf_text import pdf_text

DANGEROUS = ['=HYPERLINK("http://evil.example")', "+31 78 123", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_prefixes_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Afval", "", "3 bakken", "'al veilig"])
def test_neutralise_leaves_other_text_alone(text: str) -> None:
    assert neutralise(text) == text


@pytest.fixture
def document(app: Flask, session: DbSession, seed: Seeder) -> WijkProgramme:
    """A wijk with a dangerous title, texts and quote, 4 respondents on one theme in one buurt, and 8 in another."""
    litter, youth = seed.theme("litter"), seed.theme("youth_nuisance")
    for _ in range(4):
        seed.response([youth], BUURT_A)
    for _ in range(8):
        seed.response([litter], BUURT_A)
    for _ in range(9):
        seed.response([litter, youth], BUURT_B)
    conversation = seed.conversation([litter])
    made = create_input(
        session,
        InputDraft(
            wijk_code=WIJK,
            theme_id=litter.id,
            title=DANGEROUS[0],
            residents_said="-Veel afval\nbij de winkels",
            proposed_effort="@vegen op zaterdag",
            public_texts={"nl": "Meer afvalbakken"},
        ),
        None,
        ["nl", "en"],
    )
    link_evidence(
        session, made, SubjectType.CONVERSATION, conversation.id, None, quote="=1+1 zei ze", quote_consent=True
    )
    link_evidence(session, made, SubjectType.ANSWER, seed.response([litter]).answers[0].id, None, quote="niet citeren")
    wijk = find_wijk(session, WIJK)
    assert wijk is not None
    with force_locale("en"):
        return wijk_programme(session, wijk, "en", threshold=5, suppress=True)


def test_csv_reads_back_with_every_formula_neutralised(app: Flask, document: WijkProgramme) -> None:
    with app.test_request_context(), force_locale("en"):
        data = csv_bytes(document)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "Number"
    row = rows[1]
    assert row[6] == "'" + DANGEROUS[0]
    assert row[7] == "'-Veel afval\nbij de winkels"
    assert row[8] == "'@vegen op zaterdag"
    assert row[12] == "'=1+1 zei ze"
    assert "niet citeren" not in data.decode("utf-8-sig")
    assert row[11] == "fewer than 5"  # two linked sources
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for line in rows for cell in line)


def test_xlsx_reads_back_as_strings_never_formulas(app: Flask, document: WijkProgramme) -> None:
    with app.test_request_context(), force_locale("en"):
        data = xlsx_bytes(document)
    workbook = load_workbook(io.BytesIO(data))
    inputs, themes = workbook.worksheets
    title = inputs.cell(row=2, column=7)
    assert title.value == DANGEROUS[0] and title.data_type == "s" and title.quotePrefix
    for sheet in workbook.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                assert cell.data_type != "f", cell.coordinate
    assert inputs.cell(row=2, column=13).value == "=1+1 zei ze"
    values = [cell.value for line in themes.iter_rows() for cell in line]
    assert 4 not in values and "fewer than 5" in values


def test_a_cell_with_four_respondents_never_appears_in_the_document(document: WijkProgramme) -> None:
    assert all(cell.shown != 4 for cell in document.themes.every_cell())
    assert document.themes.hidden_count >= 2


def test_admins_get_the_values(app: Flask, session: DbSession, document: WijkProgramme) -> None:
    with force_locale("en"):
        full = wijk_programme(session, document.wijk, "en", threshold=5, suppress=False)
    assert 4 in [cell.shown for cell in full.themes.every_cell()]


def test_the_pdf_shows_the_inputs_and_the_suppressed_table(app: Flask, document: WijkProgramme) -> None:
    with app.test_request_context(), force_locale("en"):
        data = programme_pdf(document)
    text = pdf_text(data)
    assert data.startswith(b"%PDF")
    assert "Programme input for Oud Krispijn" in text
    assert DANGEROUS[0] in text
    assert "What residents said" in text and "vegen op zaterdag" in text
    assert "=1+1 zei ze" in text and "niet citeren" not in text
    assert "Themes per neighbourhood" in text and "Krispijn-Noord" in text
    assert "fewer than 5" in text
    assert " 4 " not in f" {text} "


def test_the_pdf_prints_arabic(app: Flask, session: DbSession, document: WijkProgramme) -> None:
    with app.test_request_context(), force_locale("ar"):
        arabic = wijk_programme(session, document.wijk, "ar", threshold=5, suppress=True)
        data = programme_pdf(arabic)
    assert data.startswith(b"%PDF") and "Oud Krispijn" in pdf_text(data)
