"""The embedded consumer: with the default SQLite queue, one process of the web server runs the queued tasks in
background threads, so a laptop or a small server needs no second service.

Every web process tries to become the consumer when it serves its first request (never at import: gunicorn builds
the app in its master and forks the workers, and threads do not survive a fork). A lock on a file next to the queue
decides: one process holds it for its whole life; the others wait for it in a thread and take over when that
process exits (the operating system releases the lock of a process that ends, however it ends).
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from huey.consumer import Consumer

if TYPE_CHECKING:
    from participation.tasks.queue import QueueState

logger = logging.getLogger(__name__)

# An idle embedded worker looks at the queue at least this often (seconds): the longest a new task waits.
MAX_POLL_SECONDS = 0.5
_started_in: dict[int, int] = {}  # id(queue state) -> pid of the process that started its claim
_guard = threading.Lock()


class ThreadConsumer(Consumer):
    """huey's consumer with thread workers, without its signal handlers: the web server owns the signals of its
    process, and signal handlers can only be set from the main thread."""

    def _set_signal_handlers(self) -> None:
        pass


def acquire(path: Path, *, blocking: bool) -> int | None:
    """Open and lock ``path``; the descriptor (kept open for the life of the process) or None when another process
    holds the lock and ``blocking`` is False."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(descriptor)
        return None
    os.ftruncate(descriptor, 0)
    os.write(descriptor, f"{os.getpid()}\n".encode())
    return descriptor


def consumer_for(state: QueueState, workers: int = 1, periodic: bool = True) -> ThreadConsumer:
    consumer = ThreadConsumer(
        state.huey,
        workers=workers,
        worker_type="thread",
        periodic=periodic,
        initial_delay=0.05,
        max_delay=MAX_POLL_SECONDS,
        check_worker_health=False,
    )
    return consumer


def _claim_and_consume(state: QueueState, path: Path) -> None:
    acquire(path, blocking=True)  # waits, in this thread, while another process is the consumer
    consumer = consumer_for(state)
    consumer.start()
    logger.info("process %d runs the queued tasks (embedded consumer)", os.getpid())
    # On a graceful stop let a running task finish (briefly); the daemon threads end with the process anyway.
    consumer.shutdown_timeout = 5
    atexit.register(consumer.stop, graceful=True)


def start_embedded_consumer(state: QueueState, path: Path) -> None:
    """Once per process and queue: start the thread that claims the consumer's lock and then consumes."""
    pid = os.getpid()
    if _started_in.get(id(state)) == pid:
        return
    with _guard:
        if _started_in.get(id(state)) == pid:
            return
        _started_in[id(state)] = pid
    threading.Thread(target=_claim_and_consume, args=(state, path), name="embedded-task-consumer", daemon=True).start()
