"""The default survey in real Chromium on a 360x640 phone: by keyboard alone in nl and ar with axe-core on every
page, and with JavaScript switched off."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from participation.extensions import db
from participation.models import SurveyResponse
from tests.browser.pages import PHONE, assert_accessible

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_radio(page: Page, name: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow keys until ``value`` is checked."""
    tab_to(page, f"input[type=radio][name='{name}']")
    page.keyboard.press("Space")
    for _ in range(12):
        if page.evaluate("(n) => document.activeElement.name === n && document.activeElement.checked", name) and (
            page.evaluate("() => document.activeElement.value") == value
        ):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {value} for {name}")


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def press_button(page: Page, value: str) -> None:
    tab_to(page, f"button[value='{value}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_survey_by_keyboard_alone_without_accessibility_violations(
    survey_server: tuple[str, Flask], browser: Browser, language: str
) -> None:
    base, app = survey_server
    context = browser.new_context(viewport=PHONE, locale=language)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{base}/{language}/s/bewonersenquete/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page, "intro")
    tab_to(page, "form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert_accessible(page, "page 1")
    choose_radio(page, "rating_neighbourhood", "7")
    choose_radio(page, "safe_day", "4")
    choose_radio(page, "safe_evening", "2")
    press_button(page, "next")

    assert_accessible(page, "page 2")
    choose_radio(page, "contact_neighbours", "3")
    choose_radio(page, "trust_municipality", "4")
    choose_radio(page, "health", "good")
    press_button(page, "next")

    assert_accessible(page, "page 3 (with the map)")
    type_into(page, "#good_here", "De speeltuin & het park")
    type_into(page, "#improve_first", "<b>Meer licht</b> op straat")
    tab_to(page, "#where__skip")
    page.keyboard.press("Space")
    press_button(page, "next")

    assert_accessible(page, "page 4")
    choose_radio(page, "wants_involved", "no")
    press_button(page, "next")

    assert_accessible(page, "page 5")
    choose_radio(page, "age_group", "age_25_44")
    choose_radio(page, "household", "partner")
    press_button(page, "next")

    assert_accessible(page, "check")
    assert "<b>Meer licht</b> op straat" in page.inner_text("main")  # shown as text, not as HTML
    tab_to(page, "form[action$='/submit'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert_accessible(page, "thanks")
    assert page.locator(".code").inner_text().count("-") == 1
    assert [url for url in requested if not url.startswith(base + "/")] == []
    context.close()

    with app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        assert response is not None and response.language == language
        answers = {answer.question_id: answer.value for answer in response.answers}
        assert answers["rating_neighbourhood"] == 7 and answers["household"] == "partner"
        assert answers["improve_first"] == "<b>Meer licht</b> op straat"


@pytest.mark.browser
def test_the_survey_without_javascript(survey_server: tuple[str, Flask], browser: Browser) -> None:
    base, app = survey_server
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/nl/s/bewonersenquete/")
    page.click("form button[type=submit]")
    page.check("input[name=rating_neighbourhood][value='8']")
    page.check("input[name=safe_day][value='5']")
    page.click("button[value=next]")
    page.check("input[name=health][value='fair']")
    page.click("button[value=next]")
    # Without JavaScript the map stays hidden and the lists do the work.
    assert page.locator("[data-location-map]").is_hidden()
    page.select_option("#where__buurt", "BU05050401")
    page.click("button[value=next]")
    page.check("input[name=wants_involved][value='yes']")
    page.click("button[value=next]")
    # Skip logic on the server: the contact page appears because of the answer "yes".
    page.check("input[name=contact_details][value='yes']")
    page.fill("#contact_details__email", "bewoner@example.org")
    page.click("button[value=next]")
    page.click("button[value=next]")
    page.click("form[action$='/submit'] button")
    assert page.locator(".code").is_visible()
    context.close()
    with app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        assert response is not None
        answers = {answer.question_id: answer.value for answer in response.answers}
        assert answers["contact_details"]["email"] == "bewoner@example.org"
        assert answers["where"]["buurt"] == "BU05050401"
        assert response.location is not None and response.location.wijk_code == "WK050504"
