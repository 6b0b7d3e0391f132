"""The field outbox on a phone (360 × 640), in Dutch and in Arabic: a refused log never holds up the others and says
why, and without a connection the register forms get an honest page, never the conversation form under their
address. Every page passes axe-core."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask_babel import force_locale, gettext
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from participation.extensions import db
from participation.fieldwork.conversations import MESSAGES
from participation.models import Conversation, Role
from tests.browser.pages import PHONE, assert_accessible, sign_in_page
from tests.factories import StaffAccount

LANGUAGES = ["nl", "ar"]


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def in_language(app: Flask, language: str, text: Callable[[], str]) -> str:
    with app.test_request_context(), force_locale(language):
        return text()


@pytest.fixture
def field_phone(
    survey_server: tuple[str, Flask],
    browser: Browser,
    make_staff: Callable[..., StaffAccount],
    request: pytest.FixtureRequest,
) -> Iterator[tuple[str, Flask, BrowserContext, Page]]:
    """A phone in the test's language, signed in as a professional, with the field app's service worker running."""
    base, app = survey_server
    user = make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale=request.param)
    page = context.new_page()
    sign_in_page(page, base, user)
    page.goto(f"{base}/field/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now under the worker's control
    assert page.evaluate("document.documentElement.lang") == request.param
    yield base, app, context, page
    context.close()


def log_one(page: Page, notes: str, occurred_at: str, listed: int) -> None:
    page.fill("#occurred_at", occurred_at)
    page.fill("#notes", notes)
    page.click("label[for='line-contact']")
    page.fill("#participants", "2")
    page.click("form[data-outbox-form] button[type=submit]")
    # Not wait_for_function: its polling evaluates a string, which the page's CSP (no 'unsafe-eval') refuses.
    expect(page.locator("[data-outbox-list] li")).to_have_count(listed)


@pytest.mark.browser
@pytest.mark.parametrize("field_phone", LANGUAGES, indirect=True)
def test_a_refused_log_keeps_its_reason_and_the_others_arrive(
    field_phone: tuple[str, Flask, BrowserContext, Page],
) -> None:
    base, app, context, page = field_phone
    language = page.evaluate("document.documentElement.lang")
    local_now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    today = local_now.strftime("%Y-%m-%dT%H:%M")
    tomorrow = (local_now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    context.set_offline(True)
    page.goto(f"{base}/field/conversations/new")  # served by the service worker
    log_one(page, "Eerste gesprek", today, listed=1)
    log_one(page, "Tweede gesprek, verkeerde dag", tomorrow, listed=2)  # the server refuses a day ahead
    log_one(page, "Derde gesprek", today, listed=3)
    assert [
        state
        for state in page.locator("[data-outbox-list] li").evaluate_all(
            "items => items.map(item => item.dataset.state)"
        )
    ] == ["waiting", "waiting", "waiting"]

    context.set_offline(False)  # the page's "online" event sends what waits
    refused = page.locator("[data-outbox-list] li[data-state='refused']")
    expect(refused).to_have_count(1)
    expect(page.locator("[data-outbox-list] li[data-state='sent']")).to_have_count(2)
    reason = in_language(app, language, lambda: str(MESSAGES["future"]))
    expect(refused).to_contain_text("Tweede gesprek")
    expect(refused).to_contain_text(reason)
    with app.app_context():
        stored = sorted(db.session.scalars(select(Conversation.notes)))
    assert stored == ["Derde gesprek", "Eerste gesprek"]
    assert_accessible(page, f"outbox with a refused log ({language})")

    refused.get_by_role("button").click()  # the professional drops it from the phone
    expect(refused).to_have_count(0)
    assert page.evaluate("window.fieldOutbox.pending().then(items => items.length)") == 0


@pytest.mark.browser
@pytest.mark.parametrize("field_phone", LANGUAGES, indirect=True)
def test_register_forms_offline_say_they_need_a_connection(
    field_phone: tuple[str, Flask, BrowserContext, Page],
) -> None:
    base, app, context, page = field_phone
    language = page.evaluate("document.documentElement.lang")
    heading = in_language(app, language, lambda: gettext("This page needs a connection"))
    page.goto(f"{base}/field/places/new")  # opened once online: even so no copy of it is shown offline
    context.set_offline(True)
    for path in ("/field/places/new", "/field/activities/new", "/field/contacts/new"):
        page.goto(base + path)
        expect(page.locator("h1")).to_have_text(heading)
        assert page.locator("form[data-outbox-form]").count() == 0, path
        assert page.evaluate("document.documentElement.lang") == language
        assert_accessible(page, f"{path} offline ({language})")
    page.goto(f"{base}/field/conversations/new")  # what does work offline still does
    expect(page.locator("form[data-outbox-form]")).to_have_count(1)
    context.set_offline(False)
