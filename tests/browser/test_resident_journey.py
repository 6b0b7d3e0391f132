"""The resident's journey in real Chromium on a 360x640 phone, in nl and ar: from the home page by the survey's
card, through every page with a tap on the map that names the buurt, to the receipt; and resume on another phone
landing on the first page without an answer. axe-core checks every page on the way (issue 12)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from participation.extensions import db
from participation.models import SurveyResponse
from tests.browser.pages import PHONE, assert_accessible


def next_page(page: Page) -> None:
    with page.expect_navigation():
        page.click("button[value=next]")


def answer_first_pages(page: Page) -> None:
    page.check("input[name=rating_neighbourhood][value='7']")
    page.check("input[name=safe_day][value='4']")
    next_page(page)
    assert_accessible(page, "page 2")
    page.check("input[name=health][value='good']")
    next_page(page)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_from_the_home_page_to_the_receipt_with_a_tap_on_the_map(
    survey_server: tuple[str, Flask], browser: Browser, language: str
) -> None:
    base, app = survey_server
    context = browser.new_context(viewport=PHONE, locale=language, is_mobile=True, has_touch=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{base}/{language}/")
    assert_accessible(page, "home")
    with page.expect_navigation():
        page.locator(".survey-card a.button").click()
    assert page.url == f"{base}/{language}/s/bewonersenquete/"
    assert_accessible(page, "intro")
    with page.expect_navigation():
        page.click("form button[type=submit]")

    assert_accessible(page, "page 1")
    answer_first_pages(page)

    # The location question: the map opens on the focus area; a tap names the buurt.
    assert_accessible(page, "page 3 (with the map)")
    canvas = page.locator(".location__canvas")
    expect(page.locator(".location__canvas path.leaflet-interactive, .location__canvas path").first).to_be_attached()
    page.wait_for_timeout(300)  # the fit to the focus area's outline
    status = page.locator("[data-location-status]")
    canvas.click()  # scrolled into view, then a tap in the middle of the focus area
    expect(status.locator("bdi")).to_have_count(1)
    buurt = status.locator("bdi").inner_text()
    assert buurt and buurt in status.inner_text()
    assert page.locator("input[name=where__lat]").is_enabled()
    assert_accessible(page, "page 3 after the tap")
    next_page(page)

    assert_accessible(page, "page 4")
    page.check("input[name=wants_involved][value='no']")
    next_page(page)
    assert_accessible(page, "page 5")
    page.check("input[name=age_group][value='age_25_44']")
    next_page(page)

    assert page.url.endswith("/check")
    assert_accessible(page, "check")
    assert buurt in page.locator("main").inner_text()  # the check page names the place too
    with page.expect_navigation():
        page.click("form[action$='/submit'] button")

    assert_accessible(page, "thanks")
    code = page.locator(".code")
    receipt_code = code.inner_text()
    assert re.fullmatch(r"[0-9A-Z]+-[0-9A-Z]+", receipt_code)
    assert code.evaluate("(element) => getComputedStyle(element).whiteSpace") == "nowrap"
    with page.expect_navigation():
        page.click("a[href$='/receipt']")
    assert_accessible(page, "receipt code")
    page.fill("#code", receipt_code)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert_accessible(page, "receipt")
    assert buurt in page.locator("main").inner_text()
    assert [url for url in requested if not url.startswith(base + "/")] == []
    context.close()

    with app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        assert response is not None and response.language == language
        assert response.location is not None and response.location.in_focus_area


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_resume_on_another_phone_lands_on_the_first_page_without_an_answer(
    survey_server: tuple[str, Flask], browser: Browser, language: str
) -> None:
    base, _app = survey_server
    first = browser.new_context(viewport=PHONE, locale=language)
    page = first.new_page()
    page.goto(f"{base}/{language}/s/bewonersenquete/")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    resume_code = page.locator(".code").inner_text()
    answer_first_pages(page)
    with page.expect_navigation():
        page.click("button[value=save]")
    assert_accessible(page, "saved")
    first.close()

    other = browser.new_context(viewport=PHONE, locale=language)
    page = other.new_page()
    page.goto(f"{base}/{language}/s/bewonersenquete/resume")
    assert_accessible(page, "resume")
    page.fill("#code", "AAAAA-AAAAA")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert page.evaluate("() => document.activeElement.id") == "code" or page.locator(".field__error").is_visible()
    assert_accessible(page, "resume refused")
    page.fill("#code", resume_code)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert page.url == f"{base}/{language}/s/bewonersenquete/3"
    assert_accessible(page, "page 3 after resume")
    other.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_a_refused_page_puts_the_focus_on_the_error_summary(
    survey_server: tuple[str, Flask], browser: Browser, language: str
) -> None:
    base, _app = survey_server
    for scripts in (True, False):
        context = browser.new_context(viewport=PHONE, locale=language, java_script_enabled=scripts)
        page = context.new_page()
        page.goto(f"{base}/{language}/s/bewonersenquete/")
        with page.expect_navigation():
            page.click("form button[type=submit]")
        next_page(page)
        expect(page.locator(".error-summary")).to_be_focused()
        if scripts:  # axe-core runs as a script itself; the page without scripts is the same HTML
            assert_accessible(page, "refused page")
        context.close()


@pytest.mark.browser
def test_switching_language_on_a_survey_page_keeps_what_was_typed(
    survey_server: tuple[str, Flask], browser: Browser
) -> None:
    base, _app = survey_server
    context = browser.new_context(viewport=PHONE, locale="nl")
    page = context.new_page()
    page.goto(f"{base}/nl/s/bewonersenquete/")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    page.check("input[name=rating_neighbourhood][value='6']")
    with page.expect_navigation():
        page.click(".language-switcher button[value=ar]")
    assert page.url == f"{base}/ar/s/bewonersenquete/1"
    assert page.locator("input[name=rating_neighbourhood][value='6']").is_checked()
    assert_accessible(page, "page 1 in Arabic")
    context.close()
