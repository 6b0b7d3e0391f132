"""The privacy settings views pass to the domain."""

from __future__ import annotations

from flask import current_app


def contact_retention_days() -> int:
    """How many days a new contact is kept at most (setting ``PARTICIPATION_CONTACT_RETENTION_DAYS``)."""
    return int(current_app.config["CONTACT_RETENTION_DAYS"])
