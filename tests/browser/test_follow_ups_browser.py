"""A follow-up on a phone, in Dutch and in Arabic: a professional of A logs a conversation with a follow-up to B,
a colleague at B sets it to "in progress" and then "done" in the inbox, and A sees that status. Every page passes
axe-core."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from flask import Flask
from flask_babel import force_locale
from playwright.sync_api import Browser, BrowserContext, Page
from sqlalchemy import select

from participation.blueprints.field.conversations.labels import FOLLOW_UP_STATUS_LABELS
from participation.extensions import db
from participation.models import FollowUpSignal, Role, SignalStatus
from tests.browser.pages import PHONE, assert_accessible, sign_in_page
from tests.factories import ORGANISATION_A, ORGANISATION_B, StaffAccount


def signed_in_phone(browser: Browser, base: str, user: StaffAccount, language: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": "lang", "value": language, "url": base}])
    page = context.new_page()
    sign_in_page(page, base, user)
    return context, page


def the_follow_up(app: Flask, timeout: float = 20.0) -> FollowUpSignal:
    """The one follow-up, once the form's outbox has delivered it."""
    deadline = time.monotonic() + timeout
    while True:
        with app.app_context():
            signal = db.session.scalar(select(FollowUpSignal))
            if signal is not None:
                db.session.expunge(signal)
                return signal
        if time.monotonic() > deadline:
            raise AssertionError("the follow-up did not arrive")
        time.sleep(0.1)


def label(app: Flask, status: SignalStatus, language: str) -> str:
    with app.test_request_context(), force_locale(language):
        return str(FOLLOW_UP_STATUS_LABELS[status])


def set_status(page: Page, signal_id: int, status: SignalStatus) -> None:
    page.select_option(f"#follow-up-{signal_id}-status", status.value)
    with page.expect_navigation():
        page.click(f"#follow-up-{signal_id} button[type=submit]")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_a_follow_up_reaches_the_partner_and_its_status_comes_back(
    survey_server: tuple[str, Flask], browser: Browser, make_staff: Callable[..., StaffAccount], language: str
) -> None:
    base, app = survey_server
    sender = make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_A)
    receiver = make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_B)

    sender_context, page = signed_in_phone(browser, base, sender, language)
    page.goto(f"{base}/field/conversations/new")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    page.fill("#notes", "Bewoners melden een kapotte lantaarnpaal")
    page.click("label[for='line-contact']")
    page.fill("#participants", "2")
    page.click("#follow-up > summary")  # the follow-up is an optional section, closed at first
    page.fill("#signal_description", "Lantaarnpaal Bosboom Toussaintstraat repareren")
    page.select_option("#signal_partner", label=ORGANISATION_B)
    assert_accessible(page, "conversation form")
    page.click("form[data-outbox-form] button[type=submit]")
    signal = the_follow_up(app)
    assert signal.partner_organisation_id == receiver.organisation_id

    receiver_context, inbox = signed_in_phone(browser, base, receiver, language)
    inbox.goto(f"{base}/field/")
    assert_accessible(inbox, "field home")
    with inbox.expect_navigation():
        inbox.click("a[href='/field/follow-ups']")
    assert "Lantaarnpaal Bosboom Toussaintstraat repareren" in inbox.inner_text("main")
    assert "kapotte lantaarnpaal" not in inbox.content()  # the conversation's notes stay with A
    assert_accessible(inbox, "inbox")
    set_status(inbox, signal.id, SignalStatus.IN_PROGRESS)
    assert label(app, SignalStatus.IN_PROGRESS, language) in inbox.inner_text(f"#follow-up-{signal.id}")
    assert_accessible(inbox, "inbox after a status change")
    inbox.fill(f"#follow-up-{signal.id}-note", "Gemeld bij de aannemer")
    set_status(inbox, signal.id, SignalStatus.DONE)
    assert label(app, SignalStatus.DONE, language) in inbox.inner_text(f"#follow-up-{signal.id}")
    receiver_context.close()

    page.goto(f"{base}/field/conversations/{signal.conversation_id}")
    follow_up = page.inner_text(f"#follow-up-{signal.id}")
    assert label(app, SignalStatus.DONE, language) in follow_up and ORGANISATION_B in follow_up
    assert "Gemeld bij de aannemer" in follow_up
    assert_accessible(page, "conversation")
    page.goto(f"{base}/field/follow-ups/sent")
    assert label(app, SignalStatus.DONE, language) in page.inner_text("main")
    assert_accessible(page, "sent follow-ups")
    sender_context.close()
