"""Report PDFs made in the background: the page asks for one, a task makes it, the page offers it when ready.

Making the PDF of a year takes seconds, too long for a request on a busy year. One prepared file is kept per
year, language and suppression (the viewer's disclosure), in the database so that a worker on another machine
can make it; asking again replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from participation.audit.exports import ExportedFigures, record_export
from participation.disclosure import DisclosurePolicy
from participation.models import StaffUser
from participation.models.background import PreparedReport
from participation.models.base import DbSession, utcnow
from participation.reports.yearly import configured_report


def prepared_report(session: DbSession, year: int, language: str, policy: DisclosurePolicy) -> PreparedReport | None:
    """The prepared (or being prepared) PDF of a year for a viewer with this disclosure, if any was asked for."""
    return session.scalar(
        select(PreparedReport).where(
            PreparedReport.year == year,
            PreparedReport.language == language,
            PreparedReport.suppressed.is_(policy.suppress),
        )
    )


def request_report(
    session: DbSession, year: int, language: str, policy: DisclosurePolicy, requested_by: StaffUser | None
) -> PreparedReport:
    """Note that the PDF is wanted (again); flushes. The caller enqueues ``prepare_report`` on commit."""
    report = prepared_report(session, year, language, policy)
    if report is None:
        report = PreparedReport(year=year, language=language, suppressed=policy.suppress)
        session.add(report)
    report.threshold = policy.threshold
    report.requested_at = utcnow()
    report.requested_by_id = requested_by.id if requested_by is not None else None
    report.finished_at = None
    report.failed = False
    report.content = None
    session.flush()
    return report


def prepare_report(session: DbSession, report_id: int, config: Mapping[str, Any]) -> PreparedReport | None:
    """Make the PDF that was asked for; flushes. Call inside ``force_locale(report.language)``. None when the
    request is gone (asked again meanwhile and replaced, or removed)."""
    # The task consumer makes the PDFs; the web workers import this module only to ask for one.
    from participation.reports.pdf import yearly_pdf

    report = session.get(PreparedReport, report_id)
    if report is None:
        return None
    policy = DisclosurePolicy(threshold=report.threshold, suppress=report.suppressed)
    document = configured_report(session, report.year, policy=policy, language=report.language, config=config)
    report.content = yearly_pdf(document)
    report.finished_at = utcnow()
    report.failed = False
    session.flush()
    return report


def mark_report_failed(session: DbSession, report_id: int) -> None:
    report = session.get(PreparedReport, report_id)
    if report is not None:
        report.failed = True
        session.flush()


def record_prepared_export(session: DbSession, report: PreparedReport, actor: StaffUser) -> None:
    """A prepared PDF leaves the app: audited as the direct download is (``record_report_export``)."""
    policy = DisclosurePolicy(threshold=report.threshold, suppress=report.suppressed)
    record_export(
        session, ExportedFigures.REPORT, actor=actor, fmt="pdf", policy=policy, year=report.year, prepared="yes"
    )
