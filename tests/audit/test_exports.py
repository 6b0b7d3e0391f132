"""The one audit event of an export: what was taken, in which form, by whom, and under which suppression."""

from __future__ import annotations

from collections.abc import Callable

from participation.audit.exports import ExportedFigures, record_export
from participation.disclosure import DisclosurePolicy
from participation.models import AuditEvent, Role, StaffUser
from participation.models.base import DbSession
from tests.factories import StaffAccount


def test_an_export_is_recorded_with_its_suppression(
    session: DbSession, make_staff: Callable[..., StaffAccount]
) -> None:
    analyst = session.get(StaffUser, make_staff(Role.ANALYST).id)
    assert analyst is not None
    policy = DisclosurePolicy(threshold=7, suppress=True)
    event = record_export(session, ExportedFigures.PROGRAMME, actor=analyst, fmt="csv", policy=policy, wijk="WK1")
    session.flush()
    stored = session.get(AuditEvent, event.id)
    assert stored is not None and stored.action == "programme.exported"
    assert stored.actor_id == analyst.id
    assert stored.details == {"format": "csv", "threshold": 7, "suppressed": True, "wijk": "WK1"}


def test_an_unsuppressed_export_from_the_command_line_says_so(session: DbSession) -> None:
    policy = DisclosurePolicy(threshold=5, suppress=False)
    event = record_export(session, ExportedFigures.REPORT, actor=None, fmt="pdf", policy=policy, year=2026)
    assert event.action == "report.exported" and event.actor_id is None
    assert event.details == {"format": "pdf", "threshold": 5, "suppressed": False, "year": 2026}
