"""Concurrency and shared rate limits, against real server processes on loopback."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import redis
from flask import Flask
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import SurveyResponse
from tests.factories import ANSWERS

REDIS_URL = "redis://127.0.0.1:6379/0"


def post_json(url: str, payload: dict[str, Any]) -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_200_concurrent_submissions_store_exactly_200(loaded_app: Flask, start_server: Callable[..., str]) -> None:
    base = start_server(workers=2, threads=8, API_RATE_LIMIT="100000 per minute")
    url = f"{base}/api/v1/surveys/bewonersenquete/responses"
    payloads = [{"language": "nl", "answers": {**ANSWERS, "rating_neighbourhood": 1 + n % 10}} for n in range(200)]
    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(lambda payload: post_json(url, payload), payloads))
    assert statuses.count(201) == 200, sorted(set(statuses))
    with loaded_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 200


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
