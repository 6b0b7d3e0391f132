"""The queue's settings, and the lock that makes one process the embedded consumer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from huey import MemoryHuey, RedisHuey, SqliteHuey

from participation.config import ConfigurationError, build_config
from participation.tasks.embedded import acquire
from participation.tasks.queue import build_huey, worker_mode


def test_the_default_queue_is_a_sqlite_file_in_the_instance_folder_consumed_by_the_web_server(tmp_path: Path) -> None:
    config = build_config(tmp_path, {})
    assert config["TASKS_URL"] == f"sqlite:///{tmp_path / 'tasks.db'}"
    assert worker_mode(config) == "embedded"
    assert isinstance(build_huey(config["TASKS_URL"], "participation"), SqliteHuey)
    assert (tmp_path / "tasks.db").exists()


def test_redis_is_consumed_by_a_separate_worker_unless_told_otherwise(tmp_path: Path) -> None:
    redis = {"PARTICIPATION_TASKS_URL": "redis://127.0.0.1:6379/9"}
    assert worker_mode(build_config(tmp_path, redis)) == "separate"
    assert worker_mode(build_config(tmp_path, {**redis, "PARTICIPATION_TASKS_WORKER": "embedded"})) == "embedded"
    assert isinstance(build_huey(redis["PARTICIPATION_TASKS_URL"], "participation"), RedisHuey)
    assert isinstance(build_huey("memory://", "participation"), MemoryHuey)


@pytest.mark.parametrize(
    "environ",
    [
        {"PARTICIPATION_TASKS_URL": "amqp://broker"},
        {"PARTICIPATION_TASKS_URL": "/srv/tasks.db"},
        {"PARTICIPATION_TASKS_WORKER": "both"},
        {"PARTICIPATION_TASKS_NAME": ""},
        {
            "PARTICIPATION_ENV": "production",
            "PARTICIPATION_SECRET_KEY": "mJ8vQ2xL5nR7tY1wZ4bC6dF9gH3kP0sU_e-aVoXiq",
            "PARTICIPATION_TASKS_URL": "memory://",
        },
    ],
)
def test_settings_the_queue_cannot_run_with_are_refused_at_start(tmp_path: Path, environ: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError, match="PARTICIPATION_TASKS_"):
        build_config(tmp_path, environ)


def test_one_holder_of_the_consumer_lock_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "tasks.db.lock"
    held = acquire(path, blocking=False)
    assert held is not None
    assert path.read_text().strip() == str(os.getpid())
    assert acquire(path, blocking=False) is None  # another open of the file: another would-be consumer
    os.close(held)  # what the end of the holding process does
    second = acquire(path, blocking=False)
    assert second is not None
    os.close(second)


def test_the_queue_file_is_synced_at_checkpoints_not_at_every_task(tmp_path: Path) -> None:
    queue = build_huey(f"sqlite:///{tmp_path / 'tasks.db'}", "participation")
    connection = queue.storage.conn
    assert connection.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert connection.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL; FULL would be 2
