"""The audit event of an export: figures that leave the app are kept on record with who took them, in which form,
and under which suppression (k and whether small counts were hidden)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from participation.audit import record
from participation.disclosure import DisclosurePolicy
from participation.models import AuditEvent, StaffUser
from participation.models.base import DbSession


class ExportedFigures(Enum):
    """What an export holds; the event's action is ``<value>.exported``."""

    DASHBOARD = "dashboard"
    MAP = "map"
    PROGRAMME = "programme"
    REPORT = "report"
    ANSWERS = "answers"  # individual survey responses, pseudonymised
    REACH = "reach"


def record_export(
    session: DbSession,
    figures: ExportedFigures,
    *,
    actor: StaffUser | None,
    fmt: str,
    policy: DisclosurePolicy,
    **details: Any,
) -> AuditEvent:
    """Append the one event of an export in format ``fmt`` under ``policy`` (``actor`` None: from the command line).

    Like every audit event it is kept or dropped together with the caller's transaction."""
    return record(
        session,
        f"{figures.value}.exported",
        actor=actor,
        format=fmt,
        threshold=policy.threshold,
        suppressed=policy.suppress,
        **details,
    )
