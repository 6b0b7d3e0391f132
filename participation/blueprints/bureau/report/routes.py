"""Thin views over ``participation.reports``: parse the year and language, build the report with the viewer's
suppression, render or send it."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from werkzeug.wrappers import Response

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.report import bp
from participation.extensions import db
from participation.i18n import current_language
from participation.models import Role
from participation.models.base import utcnow
from participation.reports import (
    YearlyReport,
    configured_report,
    record_report_export,
    report_body,
    yearly_html,
    years_with_data,
)
from participation.reports.prepared import prepared_report, record_prepared_export, request_report
from participation.tasks import enqueue_on_commit
from participation.tasks.names import PREPARE_REPORT
from participation.web import downloads
from participation.web.disclosure import viewer_disclosure
from participation.web.staff import current_staff

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _language() -> str:
    """The language asked for (``?language=``) when the app offers it, else the page's own."""
    asked = request.args.get("language", "")
    return asked if asked in current_app.config["LANGUAGES"] else current_language().code


def _report(year: int, language: str) -> YearlyReport:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    return configured_report(db.session, year, policy=viewer_disclosure(), language=language, config=current_app.config)


def _years() -> list[int]:
    """The years to choose from: those with data, and always the current one."""
    return sorted({*years_with_data(db.session), utcnow().year}, reverse=True)


@bp.get("/")
@requires_role(Role.ANALYST)
def index() -> ResponseReturnValue:
    """The year chooser's target: the chosen year, or the latest year with data."""
    chosen = request.args.get("year", type=int)
    return redirect(url_for("report.yearly", year=chosen if chosen is not None else _years()[0]))


@bp.get("/<int:year>")
@requires_role(Role.ANALYST)
def yearly(year: int) -> ResponseReturnValue:
    language = _language()
    with force_locale(language):
        report = _report(year, language)
        body = report_body(report)
    prepared = prepared_report(db.session, year, language, viewer_disclosure())
    return render_template("report/page.html", report=report, body=body, years=_years(), prepared=prepared)


@bp.post("/<int:year>/prepare")
@requires_role(Role.ANALYST)
def prepare(year: int) -> Response:
    """Ask for the PDF of the year in the viewer's language and disclosure; a background task makes it."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    asked = request.form.get("language", "")
    language = asked if asked in current_app.config["LANGUAGES"] else current_language().code
    prepared = request_report(db.session, year, language, viewer_disclosure(), current_staff())
    enqueue_on_commit(db.session, PREPARE_REPORT, prepared.id, language)
    return redirect(url_for("report.yearly", year=year, language=language, _anchor="prepared-pdf"))


@bp.get("/<int:year>/prepared.pdf")
@requires_role(Role.ANALYST)
def prepared_pdf(year: int) -> ResponseReturnValue:
    """The PDF a background task made for this viewer's disclosure; the download is audited."""
    language = _language()
    prepared = prepared_report(db.session, year, language, viewer_disclosure())
    if prepared is None or prepared.content is None:
        abort(404)
    record_prepared_export(db.session, prepared, current_staff())
    return downloads.download(prepared.content, f"verantwoording-{year}-{language}.pdf", downloads.ExportKind.PDF)


@bp.get("/<int:year>.<fmt>")
@requires_role(Role.ANALYST)
def download(year: int, fmt: str) -> ResponseReturnValue:
    """The report as a standalone printable HTML document or as a PDF; the download is audited."""
    if fmt not in ("html", "pdf"):
        abort(404)
    language = _language()
    with force_locale(language):
        report = _report(year, language)
        if fmt == "html":
            data: str | bytes = yearly_html(report, stylesheet_href=url_for("static", filename="css/main.css"))
        else:
            # fpdf and the chart drawing load with the first PDF, not with every web worker.
            from participation.reports.pdf import yearly_pdf

            data = yearly_pdf(report)
    record_report_export(db.session, report, fmt, current_staff())
    kind = downloads.ExportKind.HTML if fmt == "html" else downloads.ExportKind.PDF
    # The view is named ``download`` for its URL (``report.download``); the helper is reached through its module.
    return downloads.download(data, f"verantwoording-{year}-{language}.{fmt}", kind, inline=fmt == "html")
