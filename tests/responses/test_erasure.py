"""Erasing a response with the receipt code leaves no trace of what it said, in any table or any programme export.

The response is built through the real pages, as a resident and an analyst would: a draft filled in page by page
with contact details and an exact point (with consent), a theme suggested and one added in the review queue, and
a consented quote linked as programme evidence, and the resident in the contact register because they offered to
take part. Then the resident deletes it with the receipt code.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import (
    Answer,
    AuditEvent,
    ConsentRecord,
    Contact,
    IndicatorTally,
    InputEvidence,
    ProgrammeInput,
    ResponseDraft,
    ResponseTally,
    Role,
    StoredLocation,
    SurveyResponse,
    Theme,
)
from participation.models.themes import SubjectType, ThemeCoding
from tests.factories import StaffAccount, sign_in
from tests.printing.pdf_text import pdf_text

SURVEY = "/nl/s/bewonersenquete"
FREE_TEXT = "Sinds de verbouwing ligt de stoep bij de Quirijnstraat-Oost vol zwerfafval"
NAME = "Annelies Vermeulen-Zwartkop"
EMAIL = "annelies.vzk@voorbeeld.example"
PHONE = "06 9182 7364"
LAT, LON = "51.801234", "4.671876"
REMOVED = "Quote removed at the resident's request"

PAGES: list[Mapping[str, str]] = [
    {"rating_neighbourhood": "7", "safe_day": "4", "safe_evening": "2"},
    {"contact_neighbours": "3", "trust_municipality": "3", "health": "good"},
    {
        "good_here": FREE_TEXT,
        "improve_first": "Meer prullenbakken",
        "where": "map",
        "where__lat": LAT,
        "where__lon": LON,
        "where__source": "map",
        "where__exact_consent": "yes",
    },
    {"wants_involved": "yes"},
    {
        "contact_details": "yes",
        "contact_details__name": NAME,
        "contact_details__email": EMAIL,
        "contact_details__phone": PHONE,
    },
    {"age_group": "age_25_44", "household": "alone"},
]


def every_value_in_the_database(app: Flask) -> str:
    """Every row of every table, every value as text, one line per row."""
    lines = []
    with app.app_context(), db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)):
                lines.append(f"{table.name}: " + " | ".join(str(value) for value in row))
    return "\n".join(lines)


def every_export(client: FlaskClient, wijk_code: str) -> dict[str, str]:
    """The wijk's programme input in every format, as text."""
    base = f"/bureau/programme/wijk/{wijk_code}/export"
    texts: dict[str, str] = {}
    for fmt in ("csv", "html", "xlsx", "pdf"):
        response = client.get(f"{base}.{fmt}")
        assert response.status_code == 200, fmt
        data = response.get_data()
        if fmt == "csv":
            texts[fmt] = "\n".join(" | ".join(row) for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        elif fmt == "html":
            texts[fmt] = data.decode("utf-8").replace("&#39;", "'").replace("&#34;", '"')
        elif fmt == "xlsx":
            workbook = load_workbook(io.BytesIO(data))
            texts[fmt] = "\n".join(
                " | ".join(str(value) for value in row if value is not None)
                for sheet in workbook.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
        else:
            texts[fmt] = pdf_text(data)
    return texts


def fill_in(client: FlaskClient) -> None:
    """Fill in the survey page by page, up to the check page."""
    assert client.post(f"{SURVEY}/start").status_code == 302
    for number, answers in enumerate(PAGES, start=1):
        response = client.post(f"{SURVEY}/{number}", data={"action": "next", **answers})
        assert response.status_code == 302, response.get_data(as_text=True)


def submit(client: FlaskClient) -> str:
    """Submit the draft; the receipt code the thank-you page shows."""
    assert client.post(f"{SURVEY}/submit").status_code == 302
    match = re.search(r'class="code">([0-9A-Z-]+)<', client.get(f"{SURVEY}/thanks").get_data(as_text=True))
    assert match is not None
    return match.group(1)


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def analyst(loaded_app: Flask, make_staff: Callable[..., StaffAccount]) -> FlaskClient:
    client = loaded_app.test_client()
    client.set_cookie("lang", "en")  # the exports are read in English
    sign_in(client, make_staff(Role.ANALYST))
    return client


def test_erasing_with_the_receipt_code_leaves_no_trace(loaded_app: Flask, analyst: FlaskClient) -> None:
    resident = loaded_app.test_client()
    fill_in(resident)
    # The draft holds everything before it is submitted, the exact point too (the resident agreed to it).
    draft_text = every_value_in_the_database(loaded_app)
    assert re.search(f"response_draft: .*{FREE_TEXT}.*{NAME}", draft_text)
    assert f"'lat': {LAT}, 'lon': {LON}" in draft_text
    code = submit(resident)
    assert count(loaded_app, ResponseDraft) == 0
    # The resident offered to take part: they are in the contact register, with the consent they gave.
    assert (count(loaded_app, Contact), count(loaded_app, ConsentRecord)) == (1, 1)
    with loaded_app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        assert response is not None and response.location is not None
        wijk_code = response.location.wijk_code
        assert wijk_code is not None
        assert (response.location.latitude, response.location.longitude) == (float(LAT), float(LON))
        answer_id = db.session.scalar(select(Answer.id).where(Answer.question_id == "good_here"))
        litter = db.session.scalar(select(Theme.id).where(Theme.code == "litter"))
        assert answer_id is not None and litter is not None

    # The bureau works with the answer: a suggested theme, an added one, and a consented quote as evidence.
    suggested = loaded_app.test_cli_runner().invoke(args=["themes", "suggest"])
    assert suggested.exit_code == 0, suggested.output
    assert analyst.post(f"/bureau/review/answer/{answer_id}/add", data={"theme": "youth_nuisance"}).status_code == 302
    made = analyst.post(
        "/bureau/programme/new",
        data={
            "wijk_code": wijk_code,
            "buurt_code": "",
            "street_name": "",
            "theme_id": str(litter),
            "title": "Schone stoepen",
            "residents_said": "Afval op de stoep.",
            "proposed_effort": "Vaker vegen.",
            "priority": "high",
            "status": "adopted",
        },
    )
    assert made.status_code == 302, made.get_data(as_text=True)
    with loaded_app.app_context():
        input_id = db.session.scalar(select(func.max(ProgrammeInput.id)))
    linked = analyst.post(
        f"/bureau/programme/{input_id}/evidence",
        data={"subject_type": "answer", "subject_id": str(answer_id), "quote": FREE_TEXT, "quote_consent": "y"},
    )
    assert linked.status_code == 302, linked.get_data(as_text=True)
    with loaded_app.app_context():
        codings = db.session.scalar(
            select(func.count())
            .select_from(ThemeCoding)
            # Every coding of the response's answers: the suggestions (of this answer and any other open one)
            # and the analyst's.
            .where(ThemeCoding.subject_type == SubjectType.ANSWER, ThemeCoding.subject_id.in_(select(Answer.id)))
        )
        assert codings is not None and codings >= 2
    before = every_value_in_the_database(loaded_app)
    for distinctive in (FREE_TEXT, NAME, EMAIL, PHONE, LAT, LON):
        assert distinctive in before, distinctive
    for fmt, text in every_export(analyst, wijk_code).items():
        assert FREE_TEXT in text, fmt

    deleted = resident.post("/nl/receipt/delete", data={"code": code})
    assert deleted.status_code == 302

    after = every_value_in_the_database(loaded_app)
    for distinctive in (FREE_TEXT, NAME, EMAIL, PHONE, LAT, LON, code, code.replace("-", "")):
        assert distinctive not in after, distinctive
    exports = every_export(analyst, wijk_code)
    for fmt, text in exports.items():
        for distinctive in (FREE_TEXT, NAME, EMAIL, PHONE, LAT, LON, code):
            assert distinctive not in text, (fmt, distinctive)
        assert REMOVED in text, fmt
    for model in (SurveyResponse, Answer, StoredLocation, ResponseDraft, ThemeCoding, Contact, ConsentRecord):
        assert count(loaded_app, model) == 0, model
    with loaded_app.app_context():
        evidence = db.session.scalar(select(InputEvidence))
        assert evidence is not None
        assert (evidence.quote, evidence.subject_id, evidence.quote_consent) == ("", None, True)
        assert evidence.erased_at is not None
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey_response.erased"))
        assert event is not None and event.actor_id is None
        assert event.details["evidence"] == 1 and event.details["codings"] == codings
        assert event.details["contacts"] == 1
        # The dashboard's running sums lost the response's share again.
        assert db.session.scalar(select(func.coalesce(func.sum(ResponseTally.responses), 0))) == 0
        assert db.session.scalar(select(func.coalesce(func.sum(IndicatorTally.n), 0))) == 0
    page = analyst.get(f"/bureau/programme/{input_id}/evidence").get_data(as_text=True)
    assert "Removed at the resident's request" in page and FREE_TEXT not in page
