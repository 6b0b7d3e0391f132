"""What the browser tests share besides fixtures: the phone viewport, the accessibility check every page passes, and
signing in as staff do."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.factories import TEST_PASSWORD, StaffAccount

PHONE = {"width": 360, "height": 640}
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page: Page, where: str, *, outside: tuple[str, ...] = ()) -> None:
    """No axe-core violation of WCAG 2.1 A or AA on the page as it stands, leaving out the elements that the CSS
    selectors ``outside`` match (a map canvas, whose tiles and markers are drawn by Leaflet, not page content)."""
    context = {"exclude": [[selector] for selector in outside]} if outside else None
    violations = Axe().run(page, context=context, options=WCAG_21_AA).response["violations"]
    assert [f"{where}: {v['id']}: {v['nodes'][0]['html']}" for v in violations] == []


def sign_in_page(page: Page, base: str, user: StaffAccount) -> None:
    """Sign ``user`` in on ``page`` as a person does: the sign-in page, e-mail, password, the button."""
    page.goto(f"{base}/login")
    page.fill("#email", user.email)
    page.fill("#password", TEST_PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
