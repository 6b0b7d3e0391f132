"""The consumer process of the embedded default (``python -m participation.tasks.consumer``): started by the web
process that holds the queue's lock (``participation.tasks.embedded``), it builds the app from the same environment
and runs the queued tasks until it is asked to stop (SIGTERM: after the running task) or its parent is gone (its
standard input, a pipe from the parent, reaches its end)."""

from __future__ import annotations

import os
import signal
import sys
import threading

from participation.tasks.embedded import MAX_POLL_SECONDS, STOP_SECONDS


def _stop_when_parent_ends() -> None:
    sys.stdin.buffer.read()  # returns at the end of the pipe: the parent closed it or ended
    os.kill(os.getpid(), signal.SIGTERM)


# How much lower the consumer's scheduling priority is than the web server's (os.nice): on a small machine a storm
# of submissions queues suggestions faster than they are made, and residents' requests should get the processor
# first; the queue catches up when the storm is over.
BACKGROUND_NICENESS = 10


def main() -> None:
    from participation import create_app
    from participation.extensions import tasks

    os.nice(BACKGROUND_NICENESS)
    app = create_app()
    threading.Thread(target=_stop_when_parent_ends, name="parent-watch", daemon=True).start()
    consumer = tasks.state(app).huey.create_consumer(
        workers=1,
        worker_type="thread",
        initial_delay=0.05,
        max_delay=MAX_POLL_SECONDS,
        check_worker_health=False,
        graceful_signal="TERM",
        shutdown_timeout=STOP_SECONDS,
    )
    # Said where the web server's log goes, like `flask tasks worker` does: an operator sees which process consumes.
    print(f"Process {os.getpid()} runs the queued tasks (embedded consumer).", file=sys.stderr, flush=True)
    consumer.run()


if __name__ == "__main__":
    main()
