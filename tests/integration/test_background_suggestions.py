"""The review queue fills by itself: gunicorn with two workers takes a survey answer, and its theme suggestion is
in the database within 10 s, with no command run. Both ways a deployment runs its tasks: the embedded default (a
SQLite queue consumed by a thread of one web process) and Redis with a separate ``flask tasks worker``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask
from sqlalchemy import select

from participation.extensions import db
from participation.models import Answer, Role
from participation.models.themes import CodingStatus, Theme, ThemeCoding
from tests.factories import ANSWERS, StaffAccount, sign_in
from tests.integration.conftest import PROJECT_ROOT

REDIS_URL = "redis://127.0.0.1:6379/9"
LIMIT_SECONDS = 10.0
# A consumer that just started first reads the lemma dictionaries and builds the suggestion model (seconds, tens of
# seconds on a busy CI machine); the first answer waits for that, and only shows that the consumer is up.
START_SECONDS = 240.0
MOULD = "Schimmel en vocht in de woning, de verhuurder doet niets."
FLASK = Path(sys.executable).with_name("flask")


def submit(base: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{base}/api/v1/surveys/bewonersenquete/responses",
        data=json.dumps({"answers": {**ANSWERS, "good_here": MOULD}}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
        assert response.status == 201
        return int(json.loads(response.read())["id"])


def seconds_until_suggested(app: Flask, response_id: int, started: float, wait: float = LIMIT_SECONDS * 3) -> float:
    """Poll the database until the answer has its proposed theme; the seconds since ``started``."""
    deadline = started + wait  # longer than the limit, to report how late it was
    while time.monotonic() < deadline:
        with app.app_context():
            code = db.session.scalar(
                select(Theme.code)
                .join(ThemeCoding, ThemeCoding.theme_id == Theme.id)
                .join(Answer, Answer.id == ThemeCoding.subject_id)
                .where(
                    Answer.response_id == response_id,
                    Answer.question_id == "good_here",
                    ThemeCoding.status == CodingStatus.PROPOSED,
                )
            )
        if code == "housing_quality":
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"no suggestion after {wait} s")


def measure(base: str, app: Flask) -> tuple[float, float, int]:
    """The seconds until the suggestion of the first answer after the start, then of a new answer on the running
    server (what the limit is about), and the second response's id."""
    started = time.monotonic()
    first = seconds_until_suggested(app, submit(base), started, START_SECONDS)
    started = time.monotonic()
    response_id = submit(base)
    return first, seconds_until_suggested(app, response_id, started), response_id


def check_review_queue(app: Flask, make_staff: Callable[..., StaffAccount], response_id: int) -> None:
    """The analyst's review page of the new answer offers its suggestion to accept."""
    client = app.test_client()
    sign_in(client, make_staff(Role.ANALYST))
    with app.app_context():
        answer, coding = db.session.execute(
            select(Answer.id, ThemeCoding.id)
            .join(ThemeCoding, ThemeCoding.subject_id == Answer.id)
            .where(Answer.response_id == response_id, Answer.question_id == "good_here")
        ).one()
    assert client.get("/bureau/review/").status_code == 302  # the queue is not empty
    page = client.get(f"/bureau/review/answer/{answer}").get_data(as_text=True)
    assert f'value="accept:{coding}"' in page


def report(
    mode: str,
    first: float,
    seconds: float,
    record_property: Callable[[str, object], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    record_property(f"suggestion_seconds_{mode}", round(seconds, 2))
    record_property(f"first_suggestion_seconds_{mode}", round(first, 2))
    with capsys.disabled():
        print(f"\n[{mode}] suggestion in the review queue after {seconds:.2f} s (first after start: {first:.1f} s)")


def test_with_the_embedded_sqlite_queue(
    loaded_app: Flask,
    make_staff: Callable[..., StaffAccount],
    start_server: Callable[..., str],
    record_property: Callable[[str, object], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = start_server(workers=2, threads=4)  # the embedded default: a SQLite file, consumed by one worker
    first, seconds, response_id = measure(base, loaded_app)
    report("embedded", first, seconds, record_property, capsys)
    assert seconds < LIMIT_SECONDS
    check_review_queue(loaded_app, make_staff, response_id)


@pytest.fixture
def redis_queue() -> Iterator[str]:
    """A queue name of its own on Redis database 9; its keys are removed afterwards."""
    name = f"participation-test-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # CI starts Redis (.ci/run); a missing server fails the test rather than skipping it
    yield name
    for key in client.scan_iter(match=f"*{name}*"):
        client.delete(key)
    client.close()


@pytest.fixture
def start_worker(migrated_database: str, tmp_path: Path) -> Iterator[Callable[..., Path]]:
    processes: list[subprocess.Popen[bytes]] = []

    def start(**settings: str) -> Path:
        env = {
            **os.environ,
            "FLASK_APP": "participation",
            "PARTICIPATION_ENV": "testing",
            "PARTICIPATION_DATABASE_URL": migrated_database,
            "PARTICIPATION_SECRET_KEY": "integration-test-secret-key-long-enough",
            **{f"PARTICIPATION_{name}": value for name, value in settings.items()},
        }
        log = tmp_path / f"worker-{len(processes)}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(FLASK), "tasks", "worker"], cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        processes.append(process)
        deadline = time.monotonic() + 60
        while "Running queued tasks" not in log.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start: {log.read_text()}")
            time.sleep(0.1)
        return log

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_with_redis_and_a_separate_worker(
    loaded_app: Flask,
    make_staff: Callable[..., StaffAccount],
    start_server: Callable[..., str],
    start_worker: Callable[..., Path],
    redis_queue: str,
    record_property: Callable[[str, object], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = {"TASKS_URL": REDIS_URL, "TASKS_NAME": redis_queue}
    base = start_server(workers=2, threads=4, **settings)  # with Redis the web processes do not consume
    start_worker(**settings)
    first, seconds, response_id = measure(base, loaded_app)
    report("redis", first, seconds, record_property, capsys)
    assert seconds < LIMIT_SECONDS
    check_review_queue(loaded_app, make_staff, response_id)
