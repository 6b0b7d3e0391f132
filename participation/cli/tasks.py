"""``flask tasks``: run the queued background tasks (``worker``) and queue one by hand (``enqueue``)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from participation.extensions import tasks as queue
from participation.tasks.embedded import MAX_POLL_SECONDS, acquire
from participation.tasks.jobs import JOBS
from participation.tasks.queue import SQLITE_PREFIX, lock_path

tasks = AppGroup("tasks", help="Background tasks: theme suggestions, emerging themes, report PDFs, tallies, purge.")

# The jobs that take no arguments, which an operator may queue by hand.
ON_DEMAND = tuple(job.name for job in JOBS if job.schedule is not None)


@tasks.command("worker")
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True, help="Worker threads.")
@click.option(
    "--no-periodic",
    is_flag=True,
    help="Do not run the periodic tasks (when another worker on the same Redis already runs them).",
)
def worker(workers: int, no_periodic: bool) -> None:
    """Run the queued tasks until stopped (Ctrl-C, or SIGTERM / SIGINT from systemd). With Redis this is the
    consumer production runs beside the web server; with the default SQLite queue the web server runs one itself,
    and this command waits until that one stops."""
    state = queue.state()
    if str(current_app.config["TASKS_URL"]).startswith(SQLITE_PREFIX):
        path = lock_path(current_app)
        if acquire(path, blocking=False) is None:
            click.echo("Another process runs this queue's tasks; waiting until it stops.", err=True)
            acquire(path, blocking=True)
    consumer = state.huey.create_consumer(
        workers=workers, worker_type="thread", periodic=not no_periodic, max_delay=MAX_POLL_SECONDS
    )
    click.echo(f"Running queued tasks with {workers} worker thread(s); stop with Ctrl-C.")
    consumer.run()


@tasks.command("enqueue")
@click.argument("name", type=click.Choice(ON_DEMAND))
def enqueue(name: str) -> None:
    """Queue one run of a periodic task now (the worker, or the web server's embedded one, runs it)."""
    queue.enqueue(name)
    click.echo(f"Queued {name}.")
