"""The bureau dashboard: indicators against the Dordrecht average, reach and response, with small counts hidden."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Buurt, IndicatorReference, Role
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


SVG = "{http://www.w3.org/2000/svg}"


def charts_on(page: str) -> dict[str, ET.Element]:
    """Every inline chart of a page by id, parsed: it must be well-formed XML."""
    charts = [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", page, re.S)]  # noqa: S314 - our own page
    by_id = {str(chart.get("id")): chart for chart in charts}
    assert len(by_id) == len(charts)  # ids are unique on the page
    return by_id


def chart_texts(chart: ET.Element) -> list[str]:
    return [text.text or "" for text in chart.iter(f"{SVG}text")]


def test_the_dashboard_draws_its_figures_with_their_tables_one_click_away(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app)
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    page = client.get("/bureau/dashboard").get_data(as_text=True)
    charts = charts_on(page)
    assert {"chart-indicator-1", "chart-response", "chart-reach-1", "chart-reach-2"} <= set(charts)
    for chart_id, chart in charts.items():
        assert chart.get("role") == "img"
        title_id, description_id = str(chart.get("aria-labelledby")).split()
        assert title_id == f"{chart_id}-title" and description_id == f"{chart_id}-desc"
    for figure in re.findall(r"<figure.*?</figure>", page, re.S):
        assert re.search(r"<details.*<summary>.*</summary>.*<table", figure, re.S)  # the figures as a table
    indicator_charts = [chart for chart_id, chart in charts.items() if chart_id.startswith("chart-indicator-")]
    assert indicator_charts
    for chart in indicator_charts:
        # Dordt West and the municipality (ten each) are drawn; wijk 04 (four) and wijk 03 (six, which would give
        # the four away beside the ten) are gaps that say why.
        assert len(list(chart.iter(f"{SVG}circle"))) == 2
        assert {"fewer than 5", "hidden"} <= set(chart_texts(chart))
    reach = [chart for chart_id, chart in charts.items() if chart_id.startswith("chart-reach-")]
    bars = [
        [
            rect
            for rect in chart.iter(f"{SVG}rect")
            if float(rect.get("width") or 0) and rect.find(f"{SVG}title") is not None
        ]
        for chart in reach
    ]
    assert sorted(len(drawn) for drawn in bars) == [0, 1]  # wijk 03's six in one quarter; wijk 04's four hidden
    assert "fewer than 5" in chart_texts(charts["chart-response"])
    assert [t.text for t in charts["chart-response"].iter(f"{SVG}title") if t.text and ": 4" in t.text] == []


def visible_text(page: str) -> str:
    """The page's text, each element's text on a line of its own."""
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def test_lines_buurten_wijken_and_questions_appear_by_name(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app)
    with loaded_app.app_context():
        buurt = db.session.scalars(select(Buurt).where(Buurt.code == OUD_KRISPIJN)).first()
        assert buurt is not None
        buurt_name = buurt.name
    signed_in(Role.ADMIN)  # every figure shown, so every row has its name
    for language, line_name in (("en", "Explore"), ("nl", "Verkennen")):
        client.set_cookie("lang", language)
        text = visible_text(client.get("/bureau/dashboard").get_data(as_text=True))
        assert "BU0505" not in text and "WK0505" not in text
        assert not re.search(r"^\s*(explore|contact|involve|connect)\s*$", text, re.M)  # a line's code alone
        assert line_name in text and buurt_name in text
        assert "rating_neighbourhood" not in text


def test_names_are_escaped_in_charts_and_tables(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app)
    with loaded_app.app_context():
        for buurt in db.session.scalars(select(Buurt).where(Buurt.code == OUD_KRISPIJN)):
            buurt.name = "<script>x</script>{{ 7*7 }}"
        db.session.commit()
    signed_in(Role.ANALYST)
    page = client.get("/bureau/dashboard").get_data(as_text=True)
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;{{ 7*7 }}" in page
    chart = charts_on(page)["chart-response"]
    assert any(text.startswith("<script>x</s") for text in chart_texts(chart))  # the label, cut to fit


def test_the_dashboard_renders_in_arabic(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app)
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "ar")
    response = client.get("/bureau/dashboard")
    assert response.status_code == 200
    charts = charts_on(response.get_data(as_text=True))
    assert charts
    right_to_left = [t for chart in charts.values() for t in chart.iter(f"{SVG}text") if t.get("direction") == "rtl"]
    assert right_to_left  # the translated labels are written right to left
