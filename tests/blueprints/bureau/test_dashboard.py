"""The bureau dashboard: indicators against the Dordrecht average, reach and response, with small counts hidden."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, IndicatorReference, Role
from tests.factories import StaffAccount
from tests.indicators.test_indicators import submit

OUD_KRISPIJN = "BU05050300"  # wijk 03
NIEUW_KRISPIJN = "BU05050401"  # wijk 04


def fill(app: Flask) -> None:
    for rating in (6, 7, 8, 9, 7, 8):
        submit(app, OUD_KRISPIJN, rating, "age_25_44")
    for rating in (2, 3, 4, 5):  # four respondents: too few to show
        submit(app, NIEUW_KRISPIJN, rating, "age_45_64")


def test_an_analyst_never_sees_a_figure_of_four_respondents(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app)
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    page = client.get("/bureau/dashboard").get_data(as_text=True)
    assert "fewer than 5" in page
    tables = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)  # the charts' axes may well have a tick at 3.5
    assert "n = 4" not in page and "3.5" not in tables  # neither the count nor the mean of the four (2..5)
    # With the whole municipality's ten shown, the six of wijk 03 would give the four away: hidden as well.
    assert "n = 6" not in page and "n = 10" in page
    reach = re.search(r"reach-caption.*?</table>", page, re.S)
    assert reach is not None and ">4<" not in reach.group(0)


def test_an_admin_sees_every_figure(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app)
    signed_in(Role.ADMIN)
    page = client.get("/bureau/dashboard").get_data(as_text=True)
    assert "n = 4" in page and "n = 6" in page


def test_the_dordrecht_average_is_entered_and_shown(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app)
    signed_in(Role.ANALYST)
    from participation.models.base import utcnow

    year = utcnow().year
    response = client.post(
        "/bureau/dashboard", data={"indicator": "rating_neighbourhood", "year": str(year), "value": "7.3"}
    )
    assert response.status_code == 302
    with loaded_app.app_context():
        stored = db.session.scalar(select(IndicatorReference))
        assert stored is not None and stored.value == 7.3 and stored.area_code == "GM0505"
    assert "7.3" in client.get("/bureau/dashboard").get_data(as_text=True)
    refused = client.post("/bureau/dashboard", data={"indicator": "rating_neighbourhood", "year": "1800", "value": "x"})
    assert refused.status_code == 400


def test_professionals_may_not_see_the_dashboard(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    assert client.get("/bureau/dashboard").status_code == 403


def test_exports_hide_the_same_figures_and_neutralise_formulas(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    import io

    from openpyxl import load_workbook

    fill(loaded_app)
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    workbook = load_workbook(io.BytesIO(client.get("/bureau/dashboard/export.xlsx").data))
    values = [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert "fewer than 5" in values
    indicator_rows = [[c.value for c in row] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert not any(row[3] in (4, 6) for row in indicator_rows)  # neither the four nor the six that would give it away
    csv_text = client.get("/bureau/dashboard/export.csv").data.decode("utf-8-sig")
    assert "fewer than 5" in csv_text and ",4," not in csv_text
    assert client.get("/bureau/dashboard/export.pdf").status_code == 404


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("csv", "text/csv; charset=utf-8"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
)
def test_exports_are_never_stored_and_say_their_type(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], fmt: str, content_type: str
) -> None:
    signed_in(Role.ANALYST)
    response = client.get(f"/bureau/dashboard/export.{fmt}")
    assert response.status_code == 200 and response.headers["Content-Type"] == content_type
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith(f'attachment; filename="dashboard.{fmt}"')
    with loaded_app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "dashboard.exported")).one()
        assert event.details == {"format": fmt, "threshold": 5, "suppressed": True}


def test_spreadsheet_cells_never_run_as_formulas() -> None:
    import csv
    import io

    from openpyxl import load_workbook

    from participation.printing.spreadsheets import csv_bytes, xlsx_bytes

    rows = [["text", "number"], ['=HYPERLINK("http://x","y")', 3], ["+1", 4], ["@SUM(A1)", 5], ["-2", 6]]
    read_back = list(csv.reader(io.StringIO(csv_bytes(rows).decode("utf-8-sig"))))
    assert [row[0] for row in read_back[1:]] == ['\'=HYPERLINK("http://x","y")', "'+1", "'@SUM(A1)", "'-2"]
    sheet = load_workbook(io.BytesIO(xlsx_bytes({"s": rows}))).active
    assert sheet is not None
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == '=HYPERLINK("http://x","y")'
    assert sheet["B2"].value == 3
