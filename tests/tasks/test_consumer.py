"""The consumer process of the embedded default: it consumes the queue of the app its parent serves, and ends
when its parent does, even when the parent was killed and could not ask it to stop."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from participation.tasks.consumer import BACKGROUND_NICENESS
from participation.tasks.embedded import CONSUMER_MODULE, consumer_environment
from tests.paths import PROJECT_ROOT

STARTED = "runs the queued tasks (embedded consumer)"


def test_the_consumer_shares_the_queue_and_database_of_the_app_that_started_it() -> None:
    config = {"DATABASE_URL": "sqlite:////srv/app.db", "TASKS_URL": "sqlite:////srv/tasks.db", "TASKS_NAME": "dw"}
    environment = consumer_environment(config, {"PATH": "/usr/bin", "PARTICIPATION_TASKS_URL": "redis://elsewhere"})
    assert environment["PATH"] == "/usr/bin"
    assert environment["PARTICIPATION_DATABASE_URL"] == "sqlite:////srv/app.db"
    assert environment["PARTICIPATION_TASKS_URL"] == "sqlite:////srv/tasks.db"
    assert environment["PARTICIPATION_TASKS_NAME"] == "dw"
    assert environment["PARTICIPATION_TASKS_WORKER"] == "separate"  # it consumes; it starts no consumer of its own


def test_the_consumer_ends_when_the_pipe_from_its_parent_closes(migrated_database: str, tmp_path: Path) -> None:
    environment = consumer_environment(
        {"DATABASE_URL": migrated_database, "TASKS_URL": f"sqlite:///{tmp_path / 'tasks.db'}", "TASKS_NAME": "t"},
        {**os.environ, "PARTICIPATION_ENV": "testing", "PARTICIPATION_SECRET_KEY": "consumer-test-secret-key-long"},
    )
    log = tmp_path / "consumer.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", CONSUMER_MODULE],
            stdin=subprocess.PIPE,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
            env=environment,
        )
    try:
        deadline = time.monotonic() + 120
        while STARTED not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        # Residents' requests get the processor first: the consumer runs at a lower priority than its parent.
        expected = min(19, os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS)
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == expected
        assert process.stdin is not None
        process.stdin.close()  # what the end of the parent does, however it ends
        assert process.wait(timeout=30) == 0, log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
