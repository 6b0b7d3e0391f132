"""The background task queue: huey, built from the app's settings by ``tasks.init_app`` like the other extensions.

``PARTICIPATION_TASKS_URL`` chooses where queued tasks wait: a SQLite file in the instance folder by default (no
server to run), Redis in production, memory in tests. Each app gets its own huey instance with the jobs of
``participation.tasks.jobs`` registered; a job runs inside that app's context and its writes are committed when it
returns (rolled back when it raises).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper
from huey.storage import SqliteStorage

from participation.tasks import commit

if TYPE_CHECKING:
    from participation.tasks.jobs import Job

logger = logging.getLogger(__name__)
EXTENSION = "participation.tasks"
SQLITE_PREFIX = "sqlite:///"


class QueueFileStorage(SqliteStorage):
    """huey's SQLite storage, with the queue file synced at checkpoints rather than at every task added.

    In WAL mode ``synchronous=NORMAL`` keeps the file whole through any crash and loses at most the last tasks on
    a power cut; what the tasks do is made good anyway (the hourly catch-up suggests for every text still
    without), while a full sync on every enqueue doubled the disk flushes of a survey submission."""

    def _create_connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection = super()._create_connection()
        connection.execute("pragma synchronous=NORMAL")
        return connection


def build_huey(url: str, name: str) -> Huey:
    """A huey instance for ``url``: sqlite:///path, redis://host:port/db (or rediss://), memory://."""
    if url.startswith(SQLITE_PREFIX):
        path = Path(url.removeprefix(SQLITE_PREFIX))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(path), results=False, storage_class=QueueFileStorage)
    if url.startswith(("redis://", "rediss://")):
        return RedisHuey(name, url=url, results=False)
    if url.startswith("memory://"):
        return MemoryHuey(name, results=False)
    raise ValueError(f"unsupported task queue {url!r}")


def worker_mode(config: dict[str, Any] | Any) -> str:
    """Who consumes: the configured TASKS_WORKER, or by default embedded for SQLite and separate otherwise."""
    configured = str(config["TASKS_WORKER"])
    if configured:
        return configured
    return "embedded" if str(config["TASKS_URL"]).startswith(SQLITE_PREFIX) else "separate"


def lock_path(app: Flask) -> Path:
    """The file whose lock makes one process of this queue its consumer: next to a SQLite queue, else in the
    instance folder per queue name."""
    url = str(app.config["TASKS_URL"])
    if url.startswith(SQLITE_PREFIX):
        return Path(url.removeprefix(SQLITE_PREFIX) + ".lock")
    return Path(app.instance_path) / f"tasks-{app.config['TASKS_NAME']}.lock"


@dataclass
class QueueState:
    app: Flask
    huey: Huey
    worker: str
    jobs: dict[str, TaskWrapper] = field(default_factory=dict)


def _in_app_context(app: Flask, function: Callable[..., Any]) -> Callable[..., Any]:
    from participation.extensions import db

    def run(*args: Any) -> Any:
        with app.app_context():
            try:
                result = function(*args)
                db.session.commit()
            except Exception:
                db.session.rollback()
                raise
            return result

    run.__name__ = function.__name__
    run.__qualname__ = function.__qualname__
    return run


def _register(state: QueueState, job: Job) -> None:
    run = _in_app_context(state.app, job.function)
    if job.schedule is None:
        state.jobs[job.name] = state.huey.task(name=job.name)(run)
    else:
        state.jobs[job.name] = state.huey.periodic_task(job.schedule, name=job.name)(run)


def _dispatch_to_current_app(name: str, args: tuple[Any, ...]) -> None:
    TaskQueue.state().jobs[name](*args)


class TaskQueue:
    """The unbound accessor of the current app's queue (``participation.extensions.tasks``)."""

    def init_app(self, app: Flask) -> None:
        from participation.tasks.jobs import JOBS, warm_up

        state = QueueState(
            app=app,
            huey=build_huey(str(app.config["TASKS_URL"]), str(app.config["TASKS_NAME"])),
            worker=worker_mode(app.config),
        )
        for job in JOBS:
            _register(state, job)
        # Reading the lemma dictionaries of six languages and building the suggestion model takes seconds (tens of
        # seconds on a busy machine): a consumer does it when it starts, not when the first answer arrives.
        state.huey.on_startup(name="warm-suggestion-model")(_in_app_context(app, warm_up))
        app.extensions[EXTENSION] = state
        commit.install(_dispatch_to_current_app)
        if state.worker == "embedded" and not isinstance(state.huey, MemoryHuey):
            from participation.tasks.embedded import start_embedded_consumer

            # Started in the process that serves requests, never at import: under gunicorn the app is built before
            # the workers fork, and threads do not survive a fork.
            app.before_request(lambda: start_embedded_consumer(state, lock_path(app)))

    @staticmethod
    def state(app: Flask | None = None) -> QueueState:
        target = app if app is not None else current_app
        state: QueueState = target.extensions[EXTENSION]
        return state

    @property
    def huey(self) -> Huey:
        return self.state().huey

    def enqueue(self, name: str, *args: Any) -> None:
        """Run the job ``name`` with ``args`` in the background (now, outside of any transaction). Operations that
        write call ``commit.enqueue_on_commit`` instead."""
        self.state().jobs[name](*args)

    def schedule(self, name: str, *args: Any, delay: float) -> None:
        self.state().jobs[name].schedule(args=args, delay=delay)
