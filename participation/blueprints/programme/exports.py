"""A wijk's programme input as an HTML document, a PDF, a CSV or an XLSX file, with the viewer's suppression."""

from __future__ import annotations

from flask import Response, abort, render_template
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, format_datetime
from flask_login import current_user

from participation.blueprints.auth.guards import requires_role
from participation.blueprints.programme import bp
from participation.blueprints.programme.common import language, wijk_or_404
from participation.extensions import db
from participation.models import Role
from participation.programme import csv_bytes, programme_pdf, record_programme_export, wijk_programme, xlsx_bytes
from participation.web.disclosure import viewer_disclosure

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@bp.get("/wijk/<wijk_code>/export.<fmt>")
@requires_role(Role.ANALYST)
def export(wijk_code: str, fmt: str) -> ResponseReturnValue:
    """The programme input of a wijk in one format: html, pdf, csv or xlsx; the download is audited."""
    if fmt not in ("html", *MEDIA_TYPES):
        abort(404)
    wijk = wijk_or_404(wijk_code)
    lang = language()
    policy = viewer_disclosure()
    with force_locale(lang):
        document = wijk_programme(db.session, wijk, lang, threshold=policy.threshold, suppress=policy.suppress)
        record_programme_export(db.session, document, fmt, current_user._get_current_object())
        if fmt == "html":
            return render_template(
                "programme/document.html", document=document, made_on=format_datetime(document.generated_at, "short")
            )
        data = {"csv": csv_bytes, "xlsx": xlsx_bytes, "pdf": programme_pdf}[fmt](document)
    filename = f"programma-input-{wijk.code}.{fmt}"
    return Response(
        data,
        mimetype=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
