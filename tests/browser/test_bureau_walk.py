"""An analyst walks every bureau page on the demo year, as a person finds them: from the bureau's start page,
following every link that stays in the bureau, in Chromium at a phone's width. Each page must answer, show the
demo notice and pass axe-core outside the map canvas (Leaflet's tiles and markers are not page content).

The pages are found, not listed, so a page added later is walked without anyone remembering to add it here."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from flask import Flask
from playwright.sync_api import Browser

from participation.maps import MAP_ELEMENT_ID
from participation.models import Role
from tests.browser.pages import PHONE, assert_accessible, sign_in_page
from tests.demo.helpers import load
from tests.factories import StaffAccount

PER_RULE = 2
# Links that download a file or change something; a GET link may still lead to either.
NOT_A_PAGE = re.compile(r"/(export|download|logout|skip)|\.(csv|xlsx|sav|pdf|json|geojson|js)(\?|$)")


def _rule(path: str) -> str:
    """The shape of a URL, so that the per-wijk or per-year variants of one page count as one page."""
    return re.sub(r"/(WK|BU|GM)\d+", "/CODE", re.sub(r"/\d+", "/N", path))


def test_every_bureau_page_on_the_demo_year_answers_accessibly(
    browser: Browser,
    make_app: Callable[..., Flask],
    live_server: str,
    make_staff: Callable[..., StaffAccount],
    loaded_app: Flask,
) -> None:
    load(loaded_app, scale=1.0)
    analyst = make_staff(role=Role.ANALYST)
    page = browser.new_page(viewport=PHONE)
    sign_in_page(page, live_server, analyst)

    queue = ["/bureau/"]
    seen: set[str] = set()
    per_rule: dict[str, int] = {}
    walked: dict[str, float] = {}
    while queue:
        path = queue.pop(0)
        rule = _rule(urlsplit(path).path)
        if path in seen or per_rule.get(rule, 0) >= PER_RULE:
            continue
        seen.add(path)
        started = time.perf_counter()
        answer = page.goto(live_server + path)
        assert answer is not None
        if "text/html" not in (answer.headers.get("content-type") or ""):
            continue
        assert answer.status == 200, f"{path}: {answer.status}"
        walked[path] = time.perf_counter() - started
        per_rule[rule] = per_rule.get(rule, 0) + 1
        assert page.locator("#demo-data-notice").is_visible(), path
        assert_accessible(page, path, outside=(f"#{MAP_ELEMENT_ID}",))
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            target = urljoin(live_server + path, href)
            parts = urlsplit(target)
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if target.startswith(live_server) and parts.path.startswith("/bureau/") and not NOT_A_PAGE.search(local):
                queue.append(local)

    print("bureau pages walked (seconds, test server):", {path: round(t, 2) for path, t in walked.items()})
    shapes = {_rule(urlsplit(path).path) for path in walked}
    # The bureau's own pages, at least: maps, dashboard, review, codebook, programme, report, answers, indicators.
    for expected in ("/bureau/maps", "/bureau/dashboard", "/bureau/review", "/bureau/answers"):
        assert any(shape.startswith(expected) for shape in shapes), (expected, sorted(shapes))
    assert len(walked) >= 15
