"""The bureau's report page, its printable version and its PDF, with the viewer's suppression."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Role
from tests.factories import StaffAccount
from tests.printing.pdf_text import pdf_text
from tests.reports.data import CONSENTED, NOT_CONSENTED, fill


def test_an_analyst_sees_the_year_with_small_counts_hidden(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app).year
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    page = client.get(f"/bureau/report/{year}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Accountability report" in body and CONSENTED in body and NOT_CONSENTED not in body
    assert "fewer than 5" in body and "n = 4" not in body and "n = 6" not in body
    assert f'<option value="{year}" selected>' in body  # the year chooser
    assert client.get(f"/bureau/report/?year={year - 1}").headers["Location"].endswith(f"/bureau/report/{year - 1}")


def test_the_pdf_download_is_suppressed_and_audited(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app).year
    signed_in(Role.ANALYST)
    response = client.get(f"/bureau/report/{year}.pdf?language=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"verantwoording-{year}-en.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    assert "Reach per participation line" in text and "Wijk 03 Oud Krispijn 6 7 12 0" in text
    assert CONSENTED in text and NOT_CONSENTED not in text
    # Not the four's count, nor their mean (3.5) as a table or chart writes a mean; an axis may have a tick at 3.5.
    assert "n = 4" not in text and not re.search(r"3\.5 \(|3\.5;|: 3\.5", text)
    with loaded_app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report.exported")).one()
        assert event.details["suppressed"] is True and event.details["format"] == "pdf"
    assert response.headers["Content-Type"] == "application/pdf" and response.headers["Cache-Control"] == "no-store"
    assert event.details["threshold"] == 5 and event.details["year"] == year


def test_the_printable_version_extends_no_layout(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app).year
    signed_in(Role.ANALYST)
    response = client.get(f"/bureau/report/{year}.html?language=en")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith(f'inline; filename="verantwoording-{year}-en.html"')
    body = response.get_data(as_text=True)
    assert body.startswith("<!doctype html>") and "staff-nav" not in body
    assert re.search(r'href="/static/[0-9a-f]{12}/css/main\.css"', body) and CONSENTED in body


def test_an_admin_sees_every_figure(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app).year
    signed_in(Role.ADMIN)
    text = pdf_text(client.get(f"/bureau/report/{year}.pdf?language=en").data)
    assert "n = 4" in text


def test_professionals_may_not_see_the_report(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    assert client.get("/bureau/report/2025").status_code == 403
    assert client.get("/bureau/report/2025.pdf").status_code == 403


def test_unknown_formats_and_years_are_not_found(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    assert client.get("/bureau/report/2025.docx").status_code == 404
    assert client.get("/bureau/report/1800").status_code == 404
