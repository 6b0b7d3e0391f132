"""The dashboard with figures in Chromium on a phone: its charts fit the screen, their tables open with a click, and
axe-core finds no violation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Browser

from participation.models import Role
from tests.blueprints.bureau.test_dashboard import fill
from tests.browser.pages import PHONE, assert_accessible, sign_in_page
from tests.factories import StaffAccount


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_dashboards_charts_fit_a_phone_and_pass_axe(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount], language: str
) -> None:
    base, app = survey_server
    fill(app)
    user = make_staff(Role.ANALYST)
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "lang", "value": language, "url": base}])
    page = context.new_page()
    sign_in_page(page, base, user)
    response = page.goto(f"{base}/bureau/dashboard")
    assert response is not None and response.status == 200
    charts = page.locator("svg.chart")
    assert charts.count() >= 3
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] <= PHONE["width"]
    # Nothing is wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    summary = page.locator("figure.chart-figure details summary").first
    summary.click()
    assert page.locator("figure.chart-figure details[open] table").first.is_visible()
    assert_accessible(page, f"/bureau/dashboard ({language})")
    context.close()
