"""Concurrency and shared rate limits, against real server processes on loopback."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import redis
from flask import Flask
from sqlalchemy import func, select

from participation.extensions import db
from participation.indicators.dashboard import Dashboard, build_dashboard
from participation.indicators.tallies import rebuild_tallies
from participation.models import Answer, IndicatorTally, ResponseTally, SurveyResponse
from tests.factories import ANSWERS
from tests.indicators.test_indicators import BINNENSTAD, OUD_KRISPIJN
from tests.indicators.test_tallies import snapshot

REDIS_URL = "redis://127.0.0.1:6379/0"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
AGES = ("age_18_24", "age_25_44", "age_65_plus")


def post_json(url: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return int(response.status), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), {}


def get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def submission(n: int) -> dict[str, Any]:
    """The n-th response of a load run: spread over two buurten, three age bands and every rating, so that
    concurrent requests count into the same tally cells as well as into different ones."""
    answers = {**ANSWERS, "rating_neighbourhood": 1 + n % 10, "safe_day": 1 + n % 5, "age_group": AGES[n % 3]}
    return {"language": "nl", "answers": answers, "location": {"buurt": (OUD_KRISPIJN, BINNENSTAD)[n % 2]}}


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Answers a redirect with its own status instead of following it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def erase(base: str, receipt: str, n: int) -> int:
    """Delete a response the way its resident does, with the receipt code on the receipt page; the status of the
    deletion (302 when it went through). Each erasure comes from its own address (through the trusted proxy), so
    the per-address limit on deletions does not stop the run."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), KeepRedirects)
    forwarded = {"X-Forwarded-For": f"10.0.{n // 250}.{n % 250 + 1}"}
    receipt_page = urllib.request.Request(f"{base}/nl/receipt", headers=forwarded)  # noqa: S310 - loopback only
    with opener.open(receipt_page, timeout=60) as page:
        token = CSRF_FIELD.search(page.read().decode())
    assert token is not None
    form = urllib.parse.urlencode({"csrf_token": token.group(1), "code": receipt}).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{base}/nl/receipt/delete", data=form, headers=forwarded, method="POST"
    )
    try:
        with opener.open(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def dashboard() -> Dashboard:
    return build_dashboard(db.session, threshold=5, suppress=False, municipality_code="GM0505")


def assert_tallies_equal_a_recount() -> None:
    """What the dashboard shows from the running tallies is what it shows after summing them again from the
    answers (``rebuild_tallies``, as after new boundaries); rolled back, so the tallies stay as the run left them."""
    kept, shown = snapshot(), dashboard()
    rebuild_tallies(db.session)
    assert snapshot() == kept
    assert dashboard() == shown
    db.session.rollback()


def test_200_concurrent_submissions_store_exactly_200(loaded_app: Flask, start_server: Callable[..., str]) -> None:
    base = start_server(workers=2, threads=8, API_RATE_LIMIT="100000 per minute")
    url = f"{base}/api/v1/surveys/bewonersenquete/responses"
    payloads = [submission(n) for n in range(200)]
    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = list(pool.map(lambda payload: post_json(url, payload), payloads))
    statuses = [status for status, _body in outcomes]
    assert statuses.count(201) == 200, sorted(set(statuses))
    with loaded_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 200
        # Every answer of every response, the location's summary among them.
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 200 * (len(ANSWERS) + 1)
        assert db.session.scalar(select(func.sum(ResponseTally.responses))) == 200
        rating = db.session.execute(
            select(func.sum(IndicatorTally.n), func.sum(IndicatorTally.total)).where(
                IndicatorTally.question_id == "rating_neighbourhood"
            )
        ).one()
        assert tuple(rating) == (200, sum(p["answers"]["rating_neighbourhood"] for p in payloads))
        assert_tallies_equal_a_recount()


def test_the_dashboard_equals_a_recount_after_a_load_run_with_erasures(
    loaded_app: Flask, start_server: Callable[..., str]
) -> None:
    base = start_server(workers=2, threads=8, API_RATE_LIMIT="100000 per minute", PROXY_HOPS="1")
    url = f"{base}/api/v1/surveys/bewonersenquete/responses"
    with ThreadPoolExecutor(max_workers=16) as pool:
        first = list(pool.map(lambda n: post_json(url, submission(n)), range(120)))
    assert [status for status, _body in first] == [201] * 120
    # Every third response is erased while as many new ones come in, all at once.
    doomed = [(n, body["receipt"]) for n, (_status, body) in enumerate(first) if n % 3 == 0]
    with ThreadPoolExecutor(max_workers=24) as pool:
        erasures = [pool.submit(erase, base, receipt, n) for n, receipt in doomed]
        second = [pool.submit(post_json, url, submission(n)) for n in range(120, 240)]
        assert [future.result()[0] for future in second] == [201] * 120
        assert [future.result() for future in erasures] == [302] * len(doomed)
    with loaded_app.app_context():
        kept = 240 - len(doomed)
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == kept
        assert db.session.scalar(select(func.sum(ResponseTally.responses))) == kept
        survivors = [n for n in range(240) if n >= 120 or n % 3]
        rating = db.session.execute(
            select(func.sum(IndicatorTally.n), func.sum(IndicatorTally.total)).where(
                IndicatorTally.question_id == "rating_neighbourhood"
            )
        ).one()
        assert tuple(rating) == (kept, sum(1 + n % 10 for n in survivors))
        assert_tallies_equal_a_recount()


def test_one_clients_limit_holds_across_two_server_processes(
    loaded_app: Flask, start_server: Callable[..., str]
) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    assert client.ping(), "these tests need the Redis at 127.0.0.1:6379 (.ci/run starts it)"
    settings = {
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "API_RATE_LIMIT": "5 per minute",
    }
    first = start_server(workers=1, threads=2, **settings)
    second = start_server(workers=1, threads=2, **settings)
    path = "/api/v1/surveys/bewonersenquete"
    statuses = [get_status(f"{server}{path}") for server in (first, second, first, second, first, second)]
    assert statuses == [200, 200, 200, 200, 200, 429]
    assert get_status(f"{first}{path}") == 429
