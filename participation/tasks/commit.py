"""Enqueue a task when the database transaction that made its work commits, and never when it rolls back.

Domain operations only flush; the web layer (``participation.web.transactions``) or a command commits. An
operation that wants background work after its data is stored calls ``enqueue_on_commit``: the task is noted on
the session and handed to the queue once the outermost transaction commits, so a task never looks for a response
that a refused request rolled back, and a consumer never reads the database before the data is there. A task
noted inside a savepoint that is rolled back (a submission that lost a race) is dropped with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, scoped_session

from participation.models.base import DbSession

_PENDING = "participation.tasks.pending"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PendingTask:
    name: str
    args: tuple[Any, ...]
    transaction: SessionTransaction


# Set by the task queue extension: hands a committed task to the current app's queue.
Dispatcher = Callable[[str, tuple[Any, ...]], None]
_dispatch: list[Dispatcher] = []


def enqueue_on_commit(session: DbSession, name: str, *args: Any) -> None:
    """Run the task ``name`` with ``args`` in the background once this session's transaction commits."""
    target = session() if isinstance(session, scoped_session) else session
    if target.get_transaction() is None:
        target.connection()  # begins the transaction the task belongs to
    transaction = target.get_nested_transaction() or target.get_transaction()
    assert transaction is not None
    target.info.setdefault(_PENDING, []).append(PendingTask(name, args, transaction))


def pending_tasks(session: Session) -> list[PendingTask]:
    return list(session.info.get(_PENDING, []))


def _within(transaction: SessionTransaction, ended: SessionTransaction) -> bool:
    current: SessionTransaction | None = transaction
    while current is not None:
        if current is ended:
            return True
        current = current.parent
    return False


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: its tasks wait for the outer commit
    pending = session.info.pop(_PENDING, [])
    for task in pending:
        for dispatch in _dispatch:
            try:
                dispatch(task.name, task.args)
            except Exception:
                # The data is stored; a queue that is down must not turn the resident's answer into an error. The
                # periodic catch-up run of the suggestions picks up what was not enqueued.
                logger.exception("could not enqueue task %s%r", task.name, task.args)


def _after_soft_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    pending = session.info.get(_PENDING)
    if pending:
        session.info[_PENDING] = [task for task in pending if not _within(task.transaction, previous_transaction)]


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        # The outermost transaction ended without a commit (closed, or rolled back): its tasks go with it.
        session.info.pop(_PENDING, None)


def install(dispatch: Dispatcher) -> None:
    """Listen to every session's commits, once per process, and send what commits to ``dispatch``."""
    if dispatch in _dispatch:
        return
    _dispatch.append(dispatch)
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_soft_rollback)
        event.listen(Session, "after_transaction_end", _after_transaction_end)
