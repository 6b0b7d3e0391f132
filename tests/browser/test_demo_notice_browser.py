"""The demo notice in a real browser: on a public and a staff page, right to left too, with no axe violation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page

from participation.models import Role
from tests.browser.pages import assert_accessible, sign_in_page
from tests.demo.helpers import load
from tests.factories import StaffAccount


@pytest.mark.browser
def test_demo_notice_is_accessible_on_public_and_staff_pages(
    survey_server: tuple[str, Flask], phone_page: Page, make_staff: Callable[..., StaffAccount]
) -> None:
    base, app = survey_server
    load(app, scale=0.02)
    analyst = make_staff(Role.ANALYST)
    for path in ("/nl/", "/ar/"):
        phone_page.goto(f"{base}{path}")
        notice = phone_page.locator("main #demo-data-notice")
        assert notice.is_visible()
        assert_accessible(phone_page, path)
    sign_in_page(phone_page, base, analyst)
    response = phone_page.goto(f"{base}/bureau/dashboard")
    assert response is not None and response.status == 200
    assert phone_page.locator("main #demo-data-notice").is_visible()
    assert_accessible(phone_page, "/bureau/dashboard")
