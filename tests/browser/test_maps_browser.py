"""The map pages in Chromium: the map draws from the app alone (no request leaves the origin, nothing is refused
by the Content-Security-Policy) and the page around the map passes axe-core (WCAG 2.1 A and AA)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, Page

from participation.extensions import db
from participation.maps import MAP_ELEMENT_ID
from participation.models import Role
from tests.browser.pages import WCAG_21_AA, sign_in_page
from tests.factories import BLOCK_BIG, BLOCK_OTHER, BLOCK_SMALL, BUURT_B, MapSeeder, StaffAccount


def assert_accessible_outside_map(page: Page, where: str) -> None:
    """axe-core on the whole page except the map's canvas, whose text alternative is the table beside it."""
    violations = Axe().run(page, context={"exclude": [[f"#{MAP_ELEMENT_ID}"]]}, options=WCAG_21_AA)
    found = violations.response["violations"]
    assert [f"{where}: {v['id']}: {v['nodes'][0]['html']}" for v in found] == []


@pytest.fixture
def map_server(survey_server: tuple[str, Flask]) -> tuple[str, Flask, int]:
    """The live server (no tile server configured) with the map pages and sources in three blocks."""
    base, app = survey_server
    with app.app_context():
        seed = MapSeeder(db.session)
        theme = seed.theme("map_litter")
        for block, buurt, n in (
            (BLOCK_SMALL, "BU05050300", 4),
            (BLOCK_BIG, BUURT_B, 9),
            (BLOCK_OTHER, BUURT_B, 6),
        ):
            for _ in range(n):
                seed.at(block, buurt, "Lange straat", themes=[theme])
        db.session.commit()
        return base, app, theme.id


@pytest.mark.browser
def test_map_pages_stay_on_the_origin_and_pass_axe(
    map_server: tuple[str, Flask, int], browser: Browser, make_staff: Callable[..., StaffAccount]
) -> None:
    base, _app, theme_id = map_server
    user = make_staff(Role.ANALYST)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in_page(page, base, user)
    for path, drawn in (
        ("/bureau/maps/blocks", "canvas"),
        (f"/bureau/maps/themes?theme={theme_id}&level=block&period=last_year", "canvas"),
        (f"/bureau/maps/themes?theme={theme_id}&level=street", "canvas"),
        ("/bureau/maps/areas?level=buurt&measure=count", "canvas"),
        ("/bureau/maps/areas?level=wijk&measure=theme&theme=" + str(theme_id), "canvas"),
    ):
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        # Leaflet drew the layers (on a canvas: the maps prefer it) and credited CBS/Kadaster.
        page.wait_for_selector(f"#{MAP_ELEMENT_ID} {drawn}", state="attached")
        attribution = page.locator(f"#{MAP_ELEMENT_ID} .leaflet-control-attribution")
        assert "Kadaster / Centraal Bureau voor de Statistiek, 2024" in attribution.inner_text()
        page.wait_for_load_state("networkidle")
        assert_accessible_outside_map(page, path)
        # The legend and its classes are in the page itself, not only on the canvas.
        assert page.locator("#map-legend li").count() >= 1 or page.locator("#figures").count() == 1
    assert requests and all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
    assert problems == []
