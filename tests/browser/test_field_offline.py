"""The field app on a phone without a connection: three logs wait on the device, arrive once online, and a forced
resend adds nothing. The field pages pass axe-core."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Conversation, Role
from tests.browser.pages import PHONE, assert_accessible, sign_in_page
from tests.factories import StaffAccount


def conversations(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Conversation)) or 0)


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def log_one(page: Page, notes: str, waiting: int) -> None:
    page.fill("#notes", notes)
    page.click("label[for='line-contact']")
    page.fill("#participants", "2")
    page.click("form[data-outbox-form] button[type=submit]")
    # Not wait_for_function: its polling evaluates a string, which the page's CSP (no 'unsafe-eval') refuses.
    expect(page.locator("[data-form-status]")).to_have_text(re.compile(r"\S"))
    # The count is redrawn once the outbox write has settled: wait for it rather than race it.
    expect(page.locator("[data-outbox-count]")).to_contain_text(f"Waiting: {waiting}.")


@pytest.mark.browser
def test_three_logs_made_offline_arrive_once(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount]
) -> None:
    base, app = survey_server
    user = make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in_page(page, base, user)

    page.goto(f"{base}/field/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert_accessible(page, "field home")
    page.goto(f"{base}/field/conversations/new")
    assert_accessible(page, "conversation form")

    context.set_offline(True)
    page.goto(f"{base}/field/conversations/new")  # served by the service worker
    for number in (1, 2, 3):
        log_one(page, f"Gesprek {number} zonder verbinding", waiting=number)
    assert page.evaluate("window.fieldOutbox.pending().then(items => items.length)") == 3
    assert conversations(app) == 0

    context.set_offline(False)  # the page's "online" event sends what waits, without anyone pressing anything
    wait_until(lambda: page.evaluate("window.fieldOutbox.pending().then(items => items.length)") == 0)
    assert conversations(app) == 3

    statuses = page.evaluate("window.fieldOutbox.resendSent()")
    assert statuses == [200, 200, 200]
    assert conversations(app) == 3
    context.close()
