"""The background tasks: each a thin function over a domain operation, run inside an app context by the queue
(``participation.tasks.queue``), which commits what it wrote. The names are what callers enqueue.

Every web process imports this module (its queue registers the tasks by name to enqueue them), but only the
consumer runs them. So each task imports its domain operation when it runs: the suggestion model, the clustering
(scikit-learn), the report PDFs (fpdf, charts, SciPy) and what they pull in stay out of the web workers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import force_locale
from huey import crontab

from participation.extensions import db, tasks
from participation.tasks.names import (
    EMERGING_THEMES,
    PREPARE_REPORT,
    PRIVACY_PURGE,
    REBUILD_TALLIES,
    SUGGEST_FOR_RESPONSE,
    SUGGEST_FOR_SUBJECT,
    SUGGEST_UNCODED,
)

logger = logging.getLogger(__name__)


# After new texts arrive the clustering runs once this many seconds later, however many texts came meanwhile.
EMERGING_DEBOUNCE_SECONDS = 180
EMERGING_PENDING_KEY = "emerging-themes-pending"
EMERGING_REQUESTED_KEY = "emerging-themes-requested"


def _languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def suggest_for_response(response_id: int) -> None:
    from participation.themes.proposing import propose_for_response

    count = propose_for_response(db.session, response_id)
    if count.texts:
        _after_new_texts()


def suggest_for_subject(kind: str, subject_id: int) -> None:
    from participation.models.themes import SubjectType
    from participation.themes.proposing import propose_for_subject

    count = propose_for_subject(db.session, SubjectType(kind), subject_id, _languages())
    if count.texts:
        _after_new_texts()


def warm_up() -> None:
    """Build the suggestion model of this process before the first text arrives."""
    from participation.themes.proposing import models

    models.model(db.session)


def suggest_uncoded() -> None:
    from participation.themes.proposing import propose_uncoded

    count = propose_uncoded(db.session, _languages())
    logger.info("suggestions for %d uncoded text(s): %d proposal(s)", count.texts, count.proposals)


def emerging_themes() -> None:
    from participation.themes.emerging import run_emerging_themes
    from participation.themes.proposing import models

    # Cleared before the run, so that a text arriving during it asks for the next one.
    tasks.huey.storage.delete_data(EMERGING_PENDING_KEY)
    tasks.huey.storage.delete_data(EMERGING_REQUESTED_KEY)
    run = run_emerging_themes(db.session, models.model(db.session), _languages())
    logger.info("emerging themes: %d candidate(s) in %.1f s", len(run.candidates), run.seconds)


def _after_new_texts() -> None:
    """Ask for a clustering run a few minutes from now, unless one is asked for already (debounce)."""
    if tasks.huey.storage.put_if_empty(EMERGING_PENDING_KEY, b"1"):
        tasks.schedule(EMERGING_THEMES, delay=EMERGING_DEBOUNCE_SECONDS)


def request_emerging_run() -> None:
    """Queue a clustering run now, unless one was asked for and has not started yet (a page reloaded while the
    first run is still going)."""
    if tasks.huey.storage.put_if_empty(EMERGING_REQUESTED_KEY, b"1"):
        tasks.enqueue(EMERGING_THEMES)


def prepare_report_pdf(report_id: int, language: str) -> None:
    from participation.reports.prepared import mark_report_failed, prepare_report

    try:
        with force_locale(language):
            prepare_report(db.session, report_id, current_app.config)
    except Exception:
        # The page would say "being prepared" for ever; it says the attempt failed and offers to try again.
        db.session.rollback()
        mark_report_failed(db.session, report_id)
        db.session.commit()
        raise


def rebuild_tally_tables() -> None:
    from participation.indicators.tallies import rebuild_tallies

    rebuild_tallies(db.session)


def privacy_purge() -> None:
    """What ``flask privacy purge`` does, every day."""
    from participation.fieldwork.purge import purge_expired
    from participation.models.base import utcnow
    from participation.responses.drafts import purge_expired_drafts

    report = purge_expired(db.session, date.today(), retention_days=int(current_app.config["CONTACT_RETENTION_DAYS"]))
    drafts = purge_expired_drafts(db.session, utcnow())
    logger.info("privacy purge: %d contact(s), %d draft(s) removed", report.contacts, drafts)


@dataclass(frozen=True)
class Job:
    name: str
    function: Callable[..., Any]
    # When it runs by itself (UTC, the queue's clock); None: only when enqueued.
    schedule: Callable[[Any], bool] | None = None


JOBS: tuple[Job, ...] = (
    Job(SUGGEST_FOR_RESPONSE, suggest_for_response),
    Job(SUGGEST_FOR_SUBJECT, suggest_for_subject),
    # Catches what was not enqueued (an import, a queue that was down) and what a codebook change now matches.
    Job(SUGGEST_UNCODED, suggest_uncoded, crontab(minute="7")),
    Job(EMERGING_THEMES, emerging_themes, crontab(minute="37")),
    Job(PREPARE_REPORT, prepare_report_pdf),
    Job(REBUILD_TALLIES, rebuild_tally_tables, crontab(minute="15", hour="2")),
    Job(PRIVACY_PURGE, privacy_purge, crontab(minute="45", hour="1")),
)
