"""What the browser tests share besides fixtures: the phone viewport and the accessibility check every page passes."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

PHONE = {"width": 360, "height": 640}
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page: Page, where: str) -> None:
    """No axe-core violation of WCAG 2.1 A or AA on the page as it stands."""
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert [f"{where}: {v['id']}: {v['nodes'][0]['html']}" for v in violations] == []
