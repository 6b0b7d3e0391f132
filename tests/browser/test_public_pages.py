"""Public pages in a real browser on a small phone: accessible (axe-core, WCAG 2.1 A and AA) and self-contained."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']}: {violation['help']} (e.g. {violation['nodes'][0]['html']})"
        for violation in results.response["violations"]
    ]


def open_and_record_requests(page: Page, url: str) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200
    return requested


@pytest.mark.browser
@pytest.mark.parametrize(("language", "direction"), [("nl", "ltr"), ("ar", "rtl")])
def test_home_page_on_a_phone_is_accessible_and_self_contained(
    live_server: str, phone_page: Page, language: str, direction: str
) -> None:
    requested = open_and_record_requests(phone_page, f"{live_server}/{language}/")

    assert phone_page.locator("html").get_attribute("lang") == language
    assert phone_page.locator("html").get_attribute("dir") == direction
    assert len(requested) >= 3, requested  # the page, its stylesheet and its icon at least
    assert [url for url in requested if not url.startswith(live_server + "/")] == []
    assert axe_violations(phone_page) == []
    # Usable at this width: nothing forces sideways scrolling.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/nl/privacy", "/ar/accessibility", "/login", "/tr/nope", "/ar/wijk/WK050503/"])
def test_other_pages_have_no_accessibility_violations(live_server: str, phone_page: Page, path: str) -> None:
    phone_page.goto(f"{live_server}{path}")
    assert axe_violations(phone_page) == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "ar"])
def test_pages_fit_a_320_pixel_screen(live_server: str, browser, language: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 568})
    page = context.new_page()
    for path in ("/", "/privacy", "/accessibility"):
        page.goto(f"{live_server}/{language}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


@pytest.mark.browser
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server: str, phone_page: Page) -> None:
    phone_page.goto(f"{live_server}/nl/")
    phone_page.keyboard.press("Tab")
    focused = phone_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#content"
    phone_page.keyboard.press("Enter")
    assert phone_page.evaluate("document.activeElement.id") == "content"


@pytest.mark.browser
def test_language_switcher_keeps_the_page_in_the_browser(live_server: str, phone_page: Page) -> None:
    phone_page.goto(f"{live_server}/nl/privacy")
    phone_page.locator("nav.language-switcher a[lang=ar]").click()
    phone_page.wait_for_url(f"{live_server}/ar/privacy")
    assert phone_page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.browser
def test_axe_check_does_report_violations(phone_page: Page) -> None:
    """The harness itself can fail: a page with an unlabeled image and no language is caught."""
    phone_page.set_content("<html><body><img src='data:,'><input type='text'></body></html>")
    found = " ".join(axe_violations(phone_page))
    assert "image-alt" in found and "html-has-lang" in found
