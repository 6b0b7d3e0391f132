"""The bureau's indicators and targets page: the focus area beside the Dordrecht average, by name, suppressed, and
targets set and refused through the form."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, IndicatorReference, IndicatorTarget, Role
from participation.models.base import utcnow
from tests.factories import StaffAccount
from tests.indicators.test_indicators import submit

OUD_KRISPIJN = "BU05050300"  # wijk 03, in the focus area
CODES = re.compile(r"\b(BU|WK)0505\d+|\bexplore\b|\byouth_unemployment\b|\brating_neighbourhood\b")


def visible_text(page: str) -> str:
    """What a reader sees: the page without its tags (and so without attribute values such as option values)."""
    body = page.split("<main", 1)[-1]
    return re.sub(r"<[^>]+>", " ", body)


def row(page: str, table: str, year: int) -> str:
    found = re.search(rf'id="indicator-{table}-caption".*?</table>', page, re.S)
    assert found is not None, table
    cells = re.search(rf'<tr data-year="{year}".*?</tr>', found.group(0), re.S)
    assert cells is not None, (table, year)
    return cells.group(0)


def fill(app: Flask, ratings: tuple[int, ...]) -> int:
    for rating in ratings:
        submit(app, OUD_KRISPIJN, rating, "age_25_44")
    year = utcnow().year
    with app.app_context():
        for indicator, area, value in (
            ("rating_neighbourhood", "GM0505", 7.0),
            ("youth_unemployment", "focus_area", 12.0),
            ("youth_unemployment", "GM0505", 8.0),
        ):
            db.session.add(IndicatorReference(indicator=indicator, area_code=area, year=year, value=value))
        db.session.add(IndicatorTarget(indicator="youth_unemployment", area_code="focus_area", year=year, value=10))
        # A target for a key figure not imported yet: named all the same.
        db.session.add(IndicatorTarget(indicator="unemployment", area_code="WK050503", year=year + 1, value=6))
        db.session.commit()
    return year


def test_survey_and_key_figures_beside_the_average_by_name_with_progress(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app, (6, 7, 8, 9, 7, 8))  # mean 7.5 in the focus area
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    response = client.get("/bureau/indicators")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    rating = row(page, "rating_neighbourhood", year)
    assert 'data-gap="0.500"' in rating and 'data-better="yes"' in rating and "7.5" in rating
    youth = row(page, "youth_unemployment", year)
    assert 'data-gap="4.000"' in youth and 'data-better="no"' in youth  # lower is better: 12% against 8% is worse
    assert "12.0%" in youth and "8.0%" in youth
    assert re.search(r'data-status="behind".*?data-distance="2.000"', page, re.S)  # 12 against 10, in its year
    waiting = re.search(r'<tr data-target="\d+" data-status="no_data">.*?</tr>', page, re.S)
    assert waiting is not None and ">Unemployment<" in waiting.group(0) and "Oud Krispijn" in waiting.group(0)
    text = visible_text(page)
    assert "What mark do you give your neighbourhood?" in text and "Dordt West" in text
    assert not CODES.search(text), CODES.search(text)


def test_a_mean_of_four_respondents_is_hidden_and_counts_towards_no_target(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app, (2, 3, 4, 5))
    with loaded_app.app_context():
        db.session.add(IndicatorTarget(indicator="rating_neighbourhood", area_code="focus_area", year=year, value=3))
        db.session.commit()
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    page = client.get("/bureau/indicators").get_data(as_text=True)
    rating = row(page, "rating_neighbourhood", year)
    assert "fewer than 5" in rating and "3.5" not in rating and "data-gap" not in rating
    assert 'data-status="no_data"' in page  # the hidden mean would have "reached" the target of 3
    assert "3.5" not in visible_text(page)


def test_targets_are_set_changed_refused_and_removed_through_the_form(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    form = {"indicator": "rating_neighbourhood", "area_code": "WK050503", "year": "2027", "value": "7.5",
            "pillar": "5", "goal": "9", "note": "Half a point up"}  # fmt: skip
    assert client.post("/bureau/indicators/targets", data=form).status_code == 302
    assert client.post("/bureau/indicators/targets", data={**form, "value": "7.8"}).status_code == 302
    with loaded_app.app_context():
        (stored,) = db.session.scalars(select(IndicatorTarget)).all()
        assert (stored.value, stored.area_code, stored.pillar, stored.goal) == (7.8, "WK050503", 5, 9)
        target_id = stored.id
    page = client.get(f"/bureau/indicators/targets?edit={target_id}").get_data(as_text=True)
    assert 'value="7.8"' in page and "Half a point up" in page
    assert not CODES.search(visible_text(page)), CODES.search(visible_text(page))
    for bad in (
        {"year": "1800"},
        {"value": "seven"},
        {"value": ""},
        {"indicator": "made_up"},
        {"area_code": "BU05050300"},
        {"pillar": "9"},
        {"note": "x" * 501},
    ):
        assert client.post("/bureau/indicators/targets", data={**form, **bad}).status_code == 400, bad
    assert client.get("/bureau/indicators/targets?edit=999999").status_code == 404
    assert client.post("/bureau/indicators/targets/999999/delete").status_code == 404
    assert client.post(f"/bureau/indicators/targets/{target_id}/delete").status_code == 302
    with loaded_app.app_context():
        assert db.session.scalars(select(IndicatorTarget)).all() == []
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("indicator_target%")))
        assert sorted(actions) == ["indicator_target.deleted", "indicator_target.set", "indicator_target.set"]


def test_professionals_may_not_see_or_set_targets(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    assert client.get("/bureau/indicators").status_code == 403
    assert client.post("/bureau/indicators/targets", data={"indicator": "x"}).status_code == 403
    assert client.get("/bureau/reach").status_code == 403
    assert client.get("/bureau/pillars").status_code == 403


def test_the_dashboard_shows_the_same_progress_to_targets(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    fill(loaded_app, (6, 7, 8, 9, 7, 8))
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    dashboard = client.get("/bureau/dashboard").get_data(as_text=True)
    indicators = client.get("/bureau/indicators").get_data(as_text=True)

    def progress(page: str) -> list[str]:
        return re.findall(r'<tr data-target="\d+" data-status="(\w+)">', page)

    assert progress(dashboard) == progress(indicators) == ["no_data", "behind"]  # by indicator: unemployment first
    assert 'data-distance="2.000"' in dashboard
