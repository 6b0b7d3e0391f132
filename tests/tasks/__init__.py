"""Run what an app queued, in the test's own process: tests use the memory queue and no consumer runs."""

from __future__ import annotations

from flask import Flask

from participation.tasks.queue import TaskQueue


def run_queued(app: Flask, *, scheduled: bool = False) -> list[str]:
    """Run every task the app queued, in order, and those they queue in turn; the names of the tasks run.

    A task queued for later (the debounced emerging-theme run) runs only with ``scheduled``. Unlike the consumer,
    a failing task fails the test.
    """
    huey = TaskQueue.state(app).huey
    ran: list[str] = []
    later = []
    while (task := huey.dequeue()) is not None:
        if task.eta is not None and not scheduled:
            later.append(task)
            continue
        task.execute()
        ran.append(task.name)
    for task in later:
        huey.enqueue(task)
    return ran


def queued(app: Flask) -> list[str]:
    """The names of the tasks waiting in the app's queue (scheduled ones included)."""
    huey = TaskQueue.state(app).huey
    return [task.name for task in huey.pending()]
