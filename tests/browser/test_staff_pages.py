"""Staff pages in Chromium: signing in, posters and paper forms, and paper data entry pass axe-core."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Browser

from participation.models import Role
from tests.browser.pages import assert_accessible, sign_in_page
from tests.factories import ANSWERS, StaffAccount


@pytest.mark.browser
def test_staff_pages_have_no_accessibility_violations(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount]
) -> None:
    base, _app = survey_server
    user = make_staff(Role.ANALYST)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/login")
    assert_accessible(page, "login")
    sign_in_page(page, base, user)
    for path in (
        "/staff/",
        "/staff/surveys/",
        "/staff/surveys/bewonersenquete/entry",
        "/bureau/",
        "/bureau/dashboard",
        "/bureau/programme/",
        "/bureau/programme/new",
        "/bureau/review/",
        "/bureau/report/2026",
        "/bureau/review/agreement",
        "/bureau/review/emerging",
        "/bureau/programme/wijk/WK050503/",
        "/bureau/programme/wijk/WK050503/themes",
        "/bureau/programme/wijk/WK050503/themes?by=tone",
        "/bureau/answers/",
        "/bureau/themes/",
        "/bureau/themes/new",
        "/bureau/themes/litter/edit",
        "/account/password",
        "/field/",
        "/field/conversations/new",
        "/field/conversations",
        "/field/places",
        "/field/places/new",
        "/field/activities",
        "/field/activities/new",
        "/field/contacts",
        "/field/contacts/new",
        "/field/follow-ups",
        "/field/follow-ups/sent",
    ):
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert_accessible(page, path)
    context.close()


@pytest.mark.browser
def test_administration_pages_have_no_accessibility_violations(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount]
) -> None:
    base, _app = survey_server
    make_staff(Role.PROFESSIONAL, organisation="Woonbron")
    admin = make_staff(Role.ADMIN)
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    sign_in_page(page, base, admin)
    for path in ("/admin/users", "/admin/organisations", "/admin/audit", f"/admin/audit?user={admin.id}&event=logout"):
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert_accessible(page, path)
    context.close()


@pytest.mark.browser
def test_the_answers_browser_with_rows_has_no_accessibility_violations(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount]
) -> None:
    base, app = survey_server
    api = app.test_client()
    for number in range(6):
        answers = {**ANSWERS, "rating_neighbourhood": 5 + number, "good_here": f"Het park {number}"}
        posted = api.post("/api/v1/surveys/bewonersenquete/responses", json={"answers": answers})
        assert posted.status_code == 201, posted.get_json()
    user = make_staff(Role.ANALYST)
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    sign_in_page(page, base, user)
    for path in ("/bureau/answers/", "/bureau/answers/?question=health&value=good", "/bureau/answers/?language=tr"):
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert_accessible(page, path)
    assert page.goto(f"{base}/bureau/answers/").status == 200  # type: ignore[union-attr]
    assert page.locator("article.response-record").count() == 6
    context.close()
