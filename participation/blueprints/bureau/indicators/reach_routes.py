"""Reach by campaign and channel: responses per wijk by the way they came in, on screen and as CSV."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.indicators import bp
from participation.blueprints.bureau.indicators.context import area_names
from participation.extensions import db
from participation.indicators.reach import WaysTables, responses_by_way, ways_tables
from participation.indicators.reach_exports import ReachLabels, reach_labels, reach_rows, record_reach_export
from participation.models import Role
from participation.printing.spreadsheets import csv_bytes
from participation.web.disclosure import viewer_disclosure
from participation.web.downloads import ExportKind, download
from participation.web.staff import current_staff


def _tables() -> tuple[WaysTables, ReachLabels]:
    policy = viewer_disclosure()
    tables = ways_tables(responses_by_way(db.session), threshold=policy.threshold, suppress=policy.suppress)
    return tables, reach_labels(area_names())


@bp.get("/reach")
@requires_role(Role.ANALYST)
def reach() -> ResponseReturnValue:
    tables, labels = _tables()
    return render_template("indicators/reach.html", tables=tables, labels=labels)


@bp.get("/reach/export.csv")
@requires_role(Role.ANALYST)
def reach_export() -> ResponseReturnValue:
    tables, labels = _tables()
    record_reach_export(db.session, tables, current_staff())
    return download(csv_bytes(reach_rows(tables, labels)), "reach.csv", ExportKind.CSV)
