"""The embedded consumer: with the default SQLite queue, the web server runs the queued tasks itself, so a laptop or
a small server needs no second service to start by hand.

Every web process tries to become the consumer's supervisor when it serves its first request (never at import:
gunicorn builds the app in its master and forks the workers, and threads do not survive a fork). A lock on a file
next to the queue decides: one process holds it for its whole life; the others wait for it in a thread and take
over when that process exits (the operating system releases the lock of a process that ends, however it ends).

The supervisor does not run the tasks in its own threads: it starts a child process
(``python -m participation.tasks.consumer``) that does. The tasks need the analysis stack (the suggestion model
with its lemma dictionaries and word frequencies, scikit-learn for the clustering, fpdf and SciPy for the reports),
some 150 MB that would otherwise live in one of the workers that serve residents, and the clustering or a report
would hold that worker's interpreter lock while residents wait. Building the model lazily in the worker would
only postpone the growth to the first open answer, which is every day's case. A child of the web process, rather
than a process started by gunicorn's hooks, works under any WSGI server. It ends with its parent: the parent asks
it to stop at exit, and the child also stops when the pipe from the parent closes (a worker that was killed).
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from participation.config import ENV_PREFIX

if TYPE_CHECKING:
    from participation.tasks.queue import QueueState

logger = logging.getLogger(__name__)

# An idle consumer looks at the queue at least this often (seconds): the longest a new task waits.
MAX_POLL_SECONDS = 0.5
# A consumer process that ended by itself (an error at start, killed from outside) is started again after this long.
RESTART_SECONDS = 5.0
# How long a stopping web process waits for its consumer to finish the running task before it kills it.
STOP_SECONDS = 5.0
CONSUMER_MODULE = "participation.tasks.consumer"
# The settings the child must share with its parent to consume the same queue and write to the same database, even
# when the parent's app was built with settings that are not in the environment.
SHARED_SETTINGS = ("DATABASE_URL", "TASKS_URL", "TASKS_NAME")
_started_in: dict[int, int] = {}  # id(queue state) -> pid of the process that started its claim
_guard = threading.Lock()


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


def consumer_environment(config: Mapping[str, object], environ: Mapping[str, str]) -> dict[str, str]:
    """The child's environment: the parent's, with the settings that must be the same as the parent app's."""
    shared = {f"{ENV_PREFIX}{name}": str(config[name]) for name in SHARED_SETTINGS if config.get(name)}
    return {**environ, **shared, f"{ENV_PREFIX}TASKS_WORKER": "separate"}


class ConsumerProcess:
    """The child process that runs the queued tasks, started again when it ends by itself."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.environment = environment
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = False

    def start(self) -> subprocess.Popen[bytes]:
        # Its standard input is a pipe that nobody writes to: it closes when this process ends, however it ends.
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", CONSUMER_MODULE], stdin=subprocess.PIPE, env=self.environment
        )
        logger.info("process %d runs the queued tasks in its child %d", os.getpid(), self.process.pid)
        return self.process

    def supervise(self) -> None:
        while not self.stopping:
            code = self.start().wait()
            if not self.stopping:
                logger.error("the task consumer %d ended with %s; starting another", self.process_id, code)
                time.sleep(RESTART_SECONDS)

    @property
    def process_id(self) -> int | None:
        return self.process.pid if self.process else None

    def stop(self) -> None:
        self.stopping = True
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # huey's consumer stops on SIGTERM after the running task
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _claim_and_supervise(environment: dict[str, str], path: Path) -> None:
    acquire(path, blocking=True)  # waits, in this thread, while another process supervises the consumer
    consumer = ConsumerProcess(environment)
    atexit.register(consumer.stop)
    consumer.supervise()


def start_embedded_consumer(state: QueueState, path: Path) -> None:
    """Once per process and queue: start the thread that claims the consumer's lock and then supervises it."""
    pid = os.getpid()
    if _started_in.get(id(state)) == pid:
        return
    with _guard:
        if _started_in.get(id(state)) == pid:
            return
        _started_in[id(state)] = pid
    environment = consumer_environment(state.app.config, os.environ)
    threading.Thread(
        target=_claim_and_supervise, args=(environment, path), name="embedded-task-consumer", daemon=True
    ).start()
