"""The bureau's programme pages: roles, the list with filters, create, edit, status, evidence, the theme table
with suppression, and exports in four formats."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, InputStatus, ProgrammeInput, Role
from participation.models.themes import Theme
from tests.factories import BUURT_A, BUURT_B, WIJK, Seeder, StaffAccount
from tests.printing.pdf_text import pdf_text

BASE = "/bureau/programme"
EXPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@pytest.fixture(autouse=True)
def english_pages(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")  # the assertions read the English texts


@pytest.fixture
def programme_app(app: Flask) -> Flask:
    """The app with two wijken, and 4 respondents on youth nuisance in one buurt."""
    with app.app_context():
        seed = Seeder(db.session)
        seed.areas()
        litter, youth = seed.theme("litter"), seed.theme("youth_nuisance")
        for _ in range(4):
            seed.response([youth], BUURT_A)
        for _ in range(8):
            seed.response([litter], BUURT_A)
        for _ in range(9):
            seed.response([litter, youth], BUURT_B)
        db.session.commit()
    return app


def theme_id(app: Flask, code: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Theme.id).where(Theme.code == code))
        assert found is not None
        return found


def new_input(app: Flask, client: FlaskClient, **changes: str) -> int:
    data = {
        "wijk_code": WIJK,
        "buurt_code": BUURT_A,
        "street_name": "",
        "theme_id": str(theme_id(app, "litter")),
        "title": '=HYPERLINK("http://evil.example")',
        "residents_said": "Veel afval bij de winkels.",
        "proposed_effort": "Meer afvalbakken.",
        "priority": "high",
        "status": "proposed",
        "public_text_nl": "Er komen meer afvalbakken.",
        "public_text_en": "More litter bins are coming.",
    }
    data.update(changes)
    response = client.post(f"{BASE}/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        made = db.session.scalar(select(ProgrammeInput.id).order_by(ProgrammeInput.id.desc()))
        assert made is not None
        return made


@pytest.mark.parametrize("path", ["/", f"/wijk/{WIJK}/", "/new", f"/wijk/{WIJK}/themes", f"/wijk/{WIJK}/export.csv"])
def test_professionals_get_403(
    programme_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], path: str
) -> None:
    signed_in(Role.PROFESSIONAL)
    assert client.get(BASE + path).status_code == 403


def test_anonymous_visitors_are_sent_to_login(programme_app: Flask, client: FlaskClient) -> None:
    response = client.get(f"{BASE}/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_create_edit_and_change_status(
    programme_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    assert "Oud Krispijn" in client.get(f"{BASE}/").get_data(as_text=True)
    assert client.get(f"{BASE}/new?wijk={WIJK}").status_code == 200
    made = new_input(programme_app, client)
    page = client.get(f"{BASE}/wijk/{WIJK}/").get_data(as_text=True)
    assert "HYPERLINK" in page and "<script" not in page
    form = client.get(f"{BASE}/{made}/edit").get_data(as_text=True)
    assert "More litter bins are coming." in form
    response = client.post(
        f"{BASE}/{made}/edit",
        data={
            "wijk_code": WIJK,
            "buurt_code": "",
            "theme_id": str(theme_id(programme_app, "litter")),
            "title": "Afvalbakken",
            "priority": "low",
            "status": "adopted",
            "public_text_nl": "Er komen meer afvalbakken.",
        },
    )
    assert response.status_code == 302
    assert client.post(f"{BASE}/{made}/status", data={"status": "done"}).status_code == 302
    with programme_app.app_context():
        item = db.session.get(ProgrammeInput, made)
        assert (
            item is not None
            and item.status is InputStatus.DONE
            and item.public_texts == {"nl": "Er komen meer afvalbakken."}
        )
        events = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert events.count("programme_input.status_changed") == 2
    filtered = client.get(f"{BASE}/wijk/{WIJK}/?status=proposed").get_data(as_text=True)
    assert "No programme input matches." in filtered


def test_invalid_input_is_shown_with_its_error(
    programme_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    response = client.post(
        f"{BASE}/new",
        data={
            "wijk_code": WIJK,
            "buurt_code": "BU05050400",
            "theme_id": str(theme_id(programme_app, "litter")),
            "title": "Iets",
            "priority": "medium",
            "status": "proposed",
        },
    )
    assert response.status_code == 400
    assert "Choose a neighbourhood of the chosen district." in response.get_data(as_text=True)


def test_link_and_remove_evidence(
    programme_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    made = new_input(programme_app, client)
    with programme_app.app_context():
        conversation = Seeder(db.session).conversation([])
        db.session.commit()
        conversation_id = conversation.id
    response = client.post(
        f"{BASE}/{made}/evidence",
        data={"subject_type": "conversation", "subject_id": str(conversation_id), "quote": "Het is hier vies."},
    )
    assert response.status_code == 302
    page = client.get(f"{BASE}/{made}/evidence").get_data(as_text=True)
    assert "Het is hier vies." in page
    refused = client.post(f"{BASE}/{made}/evidence", data={"subject_type": "activity", "subject_id": "999999"})
    assert refused.status_code == 400
    with programme_app.app_context():
        item = db.session.get(ProgrammeInput, made)
        assert item is not None and item.evidence[0].quote_consent is False
        evidence_id = item.evidence[0].id
    assert client.post(f"{BASE}/{made}/evidence/{evidence_id}/remove").status_code == 302
    assert "No sources are linked yet." in client.get(f"{BASE}/{made}/evidence").get_data(as_text=True)


def figures(html: str) -> list[str]:
    import re

    return re.findall(r'<td class="number">([^<]*)</td>', html)


def test_a_cell_with_four_respondents_never_appears_for_an_analyst(
    programme_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    new_input(programme_app, client)
    for by in ("buurt", "source", "line", "month", "quarter", "year", "street", "block"):
        page = client.get(f"{BASE}/wijk/{WIJK}/themes?by={by}").get_data(as_text=True)
        assert "4" not in figures(page), by
    page = client.get(f"{BASE}/wijk/{WIJK}/themes").get_data(as_text=True)
    assert "fewer than 5" in page
    html = client.get(f"{BASE}/wijk/{WIJK}/export.html").get_data(as_text=True)
    assert "fewer than 5" in html and "4" not in figures(html)
    rows = list(csv.reader(io.StringIO(client.get(f"{BASE}/wijk/{WIJK}/export.csv").get_data().decode("utf-8-sig"))))
    assert rows[1][6].startswith("'=HYPERLINK")
    workbook = load_workbook(io.BytesIO(client.get(f"{BASE}/wijk/{WIJK}/export.xlsx").get_data()))
    values = [cell.value for sheet in workbook.worksheets for line in sheet.iter_rows() for cell in line]
    assert 4 not in values and "fewer than 5" in values
    assert all(cell.data_type != "f" for sheet in workbook.worksheets for line in sheet.iter_rows() for cell in line)
    text = pdf_text(client.get(f"{BASE}/wijk/{WIJK}/export.pdf").get_data())
    assert "fewer than 5" in text and " 4 " not in f" {text} "
    with programme_app.app_context():
        exported = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "programme.exported")).all()
    assert {event.details["format"] for event in exported} == {"html", "csv", "xlsx", "pdf"}
    assert all(event.details["threshold"] == 5 and event.details["suppressed"] is True for event in exported)
    for fmt, content_type in EXPORT_TYPES.items():
        response = client.get(f"{BASE}/wijk/{WIJK}/export.{fmt}")
        assert response.headers["Content-Type"] == content_type, fmt
        assert response.headers["Cache-Control"] == "no-store", fmt
        assert f'filename="programma-input-{WIJK}.{fmt}"' in response.headers["Content-Disposition"], fmt


def test_admins_see_every_figure(
    programme_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ADMIN)
    page = client.get(f"{BASE}/wijk/{WIJK}/themes").get_data(as_text=True)
    assert "4" in figures(page) and "fewer than" not in page


def test_unknown_wijk_and_format_are_404(
    programme_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    assert client.get(f"{BASE}/wijk/WK999999/").status_code == 404
    assert client.get(f"{BASE}/wijk/{WIJK}/export.exe").status_code == 404


def test_the_themes_page_shows_praise_and_complaint_apart(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    with app.app_context():
        seed = Seeder(db.session)
        seed.areas()
        parks = seed.theme("parks")
        for _ in range(6):
            seed.response([parks], BUURT_A, questions=["good_here"])
        for _ in range(7):
            seed.response([parks], BUURT_B, questions=["improve_first"])
        db.session.commit()
    signed_in(Role.ANALYST)
    by_tone = client.get(f"{BASE}/wijk/{WIJK}/themes?by=tone").get_data(as_text=True)
    assert figures(by_tone)[:4] == ["6", "7", "0", "13"]  # praise, complaint, neutral, total
    praise = client.get(f"{BASE}/wijk/{WIJK}/themes?tone=praise").get_data(as_text=True)
    assert '<option value="praise" selected>' in praise
    assert figures(praise)[:3] == ["6", "0", "6"]  # Krispijn-Noord, Krispijn-Zuid, total
    complaint = client.get(f"{BASE}/wijk/{WIJK}/themes?tone=complaint").get_data(as_text=True)
    assert figures(complaint)[:3] == ["0", "7", "7"]
