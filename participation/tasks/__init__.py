"""Background work: what is slow or periodic runs in a task queue (huey), not in a request or at the command line.

- ``queue``: the huey instance of an app, built from its settings (``participation.extensions.tasks``);
- ``jobs``: the tasks (theme suggestions per new text, emerging themes, report PDFs, tallies, the privacy purge);
- ``commit``: ``enqueue_on_commit``, so that a task is queued only when the data it needs is committed;
- ``embedded``, ``consumer``: for the default SQLite queue, the consumer process that one web process starts.
"""

from participation.tasks.commit import enqueue_on_commit

__all__ = ["enqueue_on_commit"]
