"""``flask privacy purge``: remove the contacts whose retention date has passed, and the survey drafts past theirs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import click
from flask import current_app
from flask.cli import AppGroup

from participation.extensions import db
from participation.fieldwork.purge import purge_expired
from participation.models.base import utcnow
from participation.responses.drafts import purge_expired_drafts

privacy = AppGroup("privacy", help="Keep personal data no longer than allowed.")


@privacy.command("purge")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Purge as if it were this day (YYYY-MM-DD); defaults to today.",
)
def purge(today: datetime | None) -> None:
    """Remove expired contacts with their consent records (conversations keep existing without them), the contact
    details in survey answers older than the register's retention, and the unfinished survey drafts past their
    14 days."""
    day = today.date() if today is not None else date.today()
    # With --today, the drafts that had expired when that day began; else those expired by now.
    moment = datetime.combine(day, time.min, tzinfo=UTC) if today is not None else utcnow()
    report = purge_expired(db.session, day, retention_days=int(current_app.config["CONTACT_RETENTION_DAYS"]))
    drafts = purge_expired_drafts(db.session, moment)
    db.session.commit()
    click.echo(
        f"Removed {report.contacts} contact(s) retained until before {day.isoformat()}, "
        f"with {report.consent_records} consent record(s); "
        f"{report.conversations_unlinked} conversation(s) kept without their contact; "
        f"contact details blanked in {report.answers_blanked} survey answer(s)."
    )
    if report.contact_ids:
        click.echo("Contact ids: " + ", ".join(str(contact_id) for contact_id in report.contact_ids))
    click.echo(f"Removed {drafts} survey draft(s) past their date.")
