"""The conversation form on a 360 x 640 phone, in Dutch and in Arabic: short with its sections closed, themes
picked by search and by pillar group, the buurt from the device's location, and the log in the list afterwards."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_datetime
from flask import Flask
from playwright.sync_api import Browser, expect
from sqlalchemy import func, select

from participation.extensions import db
from participation.geo.app_geocoder import current_geocoder
from participation.models import Conversation, Role, Theme
from participation.surveys.age_bands import age_bands
from tests.browser.pages import PHONE, assert_accessible, sign_in_page
from tests.browser.test_field_offline import wait_until
from tests.factories import StaffAccount

MAX_HEIGHT = 2500


def logged(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Conversation)) or 0)


def a_point_in_a_focus_buurt(app: Flask) -> tuple[str, float, float]:
    with app.app_context():
        geocoder = current_geocoder()
        index, buurt = next((i, b) for i, b in enumerate(geocoder.boundaries.buurten) if b.code in geocoder.focus_codes)
        point = geocoder.boundaries.buurt_polygons[index].representative_point()
        return buurt.code, point.y, point.x


def two_themes_of_other_pillars(app: Flask, language: str) -> tuple[tuple[str, str], tuple[str, str]]:
    with app.app_context():
        themes = db.session.scalars(select(Theme).where(Theme.active).order_by(Theme.pillar, Theme.code)).all()
        first = themes[0]
        second = next(theme for theme in themes if theme.pillar != first.pillar)
        return (first.code, first.label(language)), (second.code, second.label(language))


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_conversation_form_is_short_on_a_phone_and_logs_what_was_picked(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount], language: str
) -> None:
    base, app = survey_server
    user = make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht")
    buurt, lat, lon = a_point_in_a_focus_buurt(app)
    (by_search, search_label), (by_group, group_label) = two_themes_of_other_pillars(app, language)
    bands = {band.band: band.label.get(language) for band in age_bands()}
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, geolocation={"latitude": lat, "longitude": lon},
        permissions=["geolocation"], timezone_id="Europe/Amsterdam",
    )  # fmt: skip
    context.add_cookies([{"name": "lang", "value": language, "url": base}])
    page = context.new_page()
    sign_in_page(page, base, user)

    page.goto(f"{base}/field/conversations/new")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#theme-search")).to_be_visible()  # the script has run
    assert page.locator("form.field-form details[open]").count() == 0
    height = page.evaluate("document.documentElement.scrollHeight")
    box = page.locator("form.field-form").bounding_box()
    assert box is not None
    print(f"conversation form at 360 px in {language}: page {height} px, form {box['height']:.0f} px")
    assert height < MAX_HEIGHT
    assert page.locator("#location__buurt optgroup").first.get_attribute("label") == app.config["FOCUS_AREA_NAME"]
    assert_accessible(page, f"conversation form ({language})")

    # A theme by search: typing filters the list, the status says how many were found.
    page.fill("#theme-search", search_label[:5])
    expect(page.locator("#theme-search-status")).to_have_text(re.compile(r"\d"))
    expect(page.locator(f"label[for='theme-{by_search}']")).to_be_visible()
    expect(page.locator(f"label[for='theme-{by_group}']")).to_be_hidden()
    page.click(f"label[for='theme-{by_search}']")
    page.fill("#theme-search", "")
    expect(page.locator("#theme-search-status")).to_have_text("")
    # A theme by pillar group: open the closed group of its pillar, then tap it.
    group = page.locator("details[data-theme-group]", has=page.locator(f"#theme-{by_group}"))
    expect(group).not_to_have_attribute("open", "")
    group.locator("summary").click()
    page.click(f"label[for='theme-{by_group}']")
    expect(group.locator("[data-group-count]")).to_have_text(re.compile(r"1"))

    # The buurt from the device's location, asked only on the tap.
    page.click("[data-locate-button]")
    expect(page.locator("#location__buurt")).to_have_value(buurt)

    # Sections open and close, and say what they hold when closed.
    groups = page.locator("details#groups")
    groups.locator("summary").click()
    expect(groups).to_have_attribute("open", "")
    page.click("label[for='age-12_17']")
    page.click("label[for='age-65_plus']")
    groups.locator("summary").click()
    expect(groups).not_to_have_attribute("open", "")
    expect(groups.locator("[data-section-summary]")).to_have_text(f"{bands['12_17']}, {bands['65_plus']}")
    more = page.locator("details#more")
    more.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(more).to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(more).not_to_have_attribute("open", "")
    assert_accessible(page, f"conversation form filled in ({language})")

    page.fill("#notes", "Gesprek bij de speeltuin over afval en jongeren.")
    page.fill("#occurred_at", "2026-11-20T14:14")  # a winter afternoon in Dordrecht, 13:14 UTC
    page.click("form[data-outbox-form] button[type=submit]")
    wait_until(lambda: logged(app) == 1)
    with app.app_context():
        stored = db.session.scalars(select(Conversation.occurred_at)).one()
    stored = stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)
    assert (stored.hour, stored.minute) == (13, 14)

    page.goto(f"{base}/field/conversations")
    row = page.locator("table tbody tr").first
    # The time as it was in Dordrecht (14:14, in the language's own way of writing it), not as it is stored.
    local = format_datetime(stored, "short", tzinfo=ZoneInfo("Europe/Amsterdam"), locale=language)
    in_utc = format_datetime(stored, "short", tzinfo=UTC, locale=language)
    for text in (search_label, group_label, bands["12_17"], bands["65_plus"], local):
        expect(row).to_contain_text(text)
    expect(row).not_to_contain_text(in_utc)
    assert_accessible(page, f"conversation list ({language})")
    context.close()
