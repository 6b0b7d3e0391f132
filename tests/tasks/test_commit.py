"""A task is handed to the queue when the outermost transaction commits, and dropped with a rollback: of the
whole transaction, or of the savepoint it was noted in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from participation.tasks import commit


@pytest.fixture
def dispatched() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    sent: list[tuple[str, tuple[Any, ...]]] = []

    def record(name: str, args: tuple[Any, ...]) -> None:
        sent.append((name, args))

    commit.install(record)
    yield sent
    commit._dispatch.remove(record)


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    with Session(engine) as plain:
        yield plain
    engine.dispose()


def test_a_task_is_sent_when_the_transaction_commits(session: Session, dispatched: list[Any]) -> None:
    commit.enqueue_on_commit(session, "job", 1)
    session.execute(text("select 1"))
    assert dispatched == []
    session.commit()
    assert dispatched == [("job", (1,))]
    session.commit()
    assert dispatched == [("job", (1,))]  # once


def test_a_rolled_back_transaction_sends_nothing(session: Session, dispatched: list[Any]) -> None:
    commit.enqueue_on_commit(session, "job", 1)
    session.rollback()
    session.commit()
    assert dispatched == []


def test_a_closed_session_forgets_its_tasks(session: Session, dispatched: list[Any]) -> None:
    commit.enqueue_on_commit(session, "job", 1)
    session.close()
    session.commit()
    assert dispatched == [] and commit.pending_tasks(session) == []


def test_a_savepoint_waits_for_the_outer_commit_and_its_rollback_drops_only_its_tasks(
    session: Session, dispatched: list[Any]
) -> None:
    commit.enqueue_on_commit(session, "outer", 1)
    with session.begin_nested():
        commit.enqueue_on_commit(session, "kept", 2)
    assert dispatched == []  # releasing the savepoint is no commit
    nested = session.begin_nested()
    commit.enqueue_on_commit(session, "lost", 3)
    nested.rollback()
    session.commit()
    assert dispatched == [("outer", (1,)), ("kept", (2,))]


def test_a_failing_queue_does_not_fail_the_commit(session: Session, caplog: pytest.LogCaptureFixture) -> None:
    def broken(name: str, args: tuple[Any, ...]) -> None:
        raise ConnectionError("queue down")

    commit.install(broken)
    try:
        commit.enqueue_on_commit(session, "job", 1)
        session.commit()
    finally:
        commit._dispatch.remove(broken)
    assert "could not enqueue task job" in caplog.text
