"""A resident who offers to take part reaches the contact register: on a 360x640 phone, in nl and ar, the
resident fills in the survey with a name and e-mail address, then an analyst finds them in the follow-up list.
Every page passes axe-core."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from participation.models import Role
from tests.browser.pages import PHONE, assert_accessible, sign_in_page
from tests.factories import StaffAccount

NAMES = {"nl": "Fatima van den Berg-Ouali", "ar": "فاطمة العلوي"}


def next_page(page: Page, where: str) -> None:
    assert_accessible(page, where)
    with page.expect_navigation():
        page.click("button[value=next]")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_a_resident_who_offers_to_take_part_reaches_the_analysts_follow_up_list(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount], language: str
) -> None:
    base, _app = survey_server
    name, email = NAMES[language], f"vrijwilliger.{language}@voorbeeld.example"
    resident = browser.new_context(viewport=PHONE, locale=language)
    page = resident.new_page()
    page.goto(f"{base}/{language}/s/bewonersenquete/")
    assert_accessible(page, "intro")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    page.check("input[name=rating_neighbourhood][value='7']")
    next_page(page, "page 1")
    page.check("input[name=health][value='good']")
    next_page(page, "page 2")
    page.check("#where__skip")
    next_page(page, "page 3")
    page.check("input[name=wants_involved][value='yes']")
    next_page(page, "page 4")
    page.check("input[name=contact_details][value='yes']")
    page.fill("#contact_details__name", name)
    page.fill("#contact_details__email", email)
    next_page(page, "contact page")
    next_page(page, "about you")
    assert_accessible(page, "check")
    with page.expect_navigation():
        page.click("form[action$='/submit'] button")
    assert_accessible(page, "thanks")
    assert page.locator(".code").is_visible()
    resident.close()

    analyst = make_staff(Role.ANALYST)
    staff = browser.new_context(viewport=PHONE, locale=language)
    page = staff.new_page()
    sign_in_page(page, base, analyst)
    page.goto(f"{base}/field/contacts?show=volunteers")
    assert_accessible(page, "follow-up list")
    rows = page.locator("#volunteers-caption + thead + tbody tr")
    assert rows.count() == 1
    assert name not in page.inner_text("main")  # the list shows no details
    with page.expect_navigation():
        rows.first.locator("a[href*='/field/contacts/']").first.click()
    assert_accessible(page, "contact details")
    details = page.inner_text("main")
    assert name in details and email in details
    staff.close()
