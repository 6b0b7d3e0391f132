"""The indicators, targets, pillars and reach pages with figures on them pass axe-core."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Browser

from participation.extensions import db
from participation.models import CampaignKind, IndicatorReference, IndicatorTarget, Role
from participation.models.base import utcnow
from participation.models.themes import Pillar
from tests.browser.pages import assert_accessible, sign_in_page
from tests.factories import BUURT_A, MapSeeder, StaffAccount


def seed(app: Flask) -> None:
    year = utcnow().year
    with app.app_context():
        seeder = MapSeeder(db.session)
        posters = seeder.campaign("Posters", CampaignKind.QR_AT_PLACE)
        litter = seeder.theme("litter_browser", pillar=Pillar.LIVEABLE_AND_SAFE, goals=(9,))
        for n in range(7):
            seeder.response([litter], BUURT_A, campaign=posters if n % 2 else None)
        db.session.add_all(
            [
                IndicatorReference(indicator="youth_unemployment", area_code="focus_area", year=year, value=12.0),
                IndicatorReference(indicator="youth_unemployment", area_code="GM0505", year=year, value=8.0),
                IndicatorTarget(indicator="youth_unemployment", area_code="focus_area", year=year + 2, value=9.0),
            ]
        )
        db.session.commit()


@pytest.mark.browser
def test_indicator_pages_have_no_accessibility_violations(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount]
) -> None:
    base, app = survey_server
    seed(app)
    user = make_staff(Role.ANALYST)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in_page(page, base, user)
    for path in ("/bureau/indicators", "/bureau/indicators/targets", "/bureau/pillars", "/bureau/reach"):
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert_accessible(page, path)
    # A refused target: the error summary and the field errors pass too.
    page.goto(f"{base}/bureau/indicators/targets")
    page.fill("#year", "1800")
    page.fill("#value", "")
    page.click("form.form button[type=submit]")
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page, "refused target")
    context.close()
