"""A wijk's programme input as an HTML document, a PDF, a CSV or an XLSX file, with the viewer's suppression."""

from __future__ import annotations

from flask import abort, render_template
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, format_datetime

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.programme import bp
from participation.blueprints.bureau.programme.context import language, wijk_or_404
from participation.extensions import db
from participation.models import Role
from participation.programme import csv_bytes, record_programme_export, wijk_programme, xlsx_bytes
from participation.web.disclosure import viewer_disclosure
from participation.web.downloads import ExportKind, download
from participation.web.staff import current_staff

KINDS = {"html": ExportKind.HTML, "csv": ExportKind.CSV, "xlsx": ExportKind.XLSX, "pdf": ExportKind.PDF}


@bp.get("/wijk/<wijk_code>/export.<fmt>")
@requires_role(Role.ANALYST)
def export(wijk_code: str, fmt: str) -> ResponseReturnValue:
    """The programme input of a wijk in one format: html, pdf, csv or xlsx; the download is audited."""
    if fmt not in KINDS:
        abort(404)
    wijk = wijk_or_404(wijk_code)
    lang = language()
    policy = viewer_disclosure()
    with force_locale(lang):
        document = wijk_programme(db.session, wijk, lang, threshold=policy.threshold, suppress=policy.suppress)
        record_programme_export(db.session, document, fmt, current_staff())
        if fmt == "html":
            data: str | bytes = render_template(
                "programme/document.html", document=document, made_on=format_datetime(document.generated_at, "short")
            )
        else:
            # fpdf loads with the first PDF, not with every web worker.
            from participation.programme.pdf import programme_pdf

            data = {"csv": csv_bytes, "xlsx": xlsx_bytes, "pdf": programme_pdf}[fmt](document)
    return download(data, f"programma-input-{wijk.code}.{fmt}", KINDS[fmt], inline=fmt == "html")
