from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.dashboard import bp
from participation.blueprints.bureau.dashboard.forms import ReferenceValueForm
from participation.blueprints.bureau.indicators.context import helpers as target_helpers
from participation.blueprints.bureau.indicators.context import overview as targets_overview
from participation.charts.dashboard import (
    Names,
    indicator_course_chart,
    indicator_interval_chart,
    reach_charts,
    response_chart,
)
from participation.extensions import db
from participation.geo.areas import area_overview, buurt_names, wijk_names
from participation.indicators.dashboard import Dashboard, build_dashboard
from participation.indicators.exports import dashboard_sheets, record_dashboard_export
from participation.indicators.references import ReferenceValue, set_reference
from participation.indicators.sources import indicator_labels
from participation.models import Role
from participation.models.lines import LINE_LABELS
from participation.printing.spreadsheets import csv_bytes, xlsx_bytes
from participation.themes.pillars import goal_label, pillar_label
from participation.web.disclosure import viewer_disclosure
from participation.web.downloads import ExportKind, download
from participation.web.staff import current_staff


@bp.get("/")
@requires_role(Role.ANALYST)
def overview() -> str:
    return render_template("bureau/overview.html", overview=area_overview(db.session))


def _dashboard_context(form: ReferenceValueForm) -> dict[str, Any]:
    config = current_app.config
    language = str(get_locale() or "nl")
    labels = indicator_labels(db.session, language)
    form.indicator.choices = [SelectChoice(key, label) for key, label in sorted(labels.items(), key=lambda i: i[1])]
    policy = viewer_disclosure()
    dashboard = build_dashboard(
        db.session,
        threshold=policy.threshold,
        suppress=policy.suppress,
        municipality_code=config["MUNICIPALITY_CODE"],
    )
    names = Names(language, config["FOCUS_AREA_NAME"], wijk_names(db.session), buurt_names(db.session), labels)
    return {
        "dashboard": dashboard,
        "labels": labels,
        "form": form,
        "wijk_names": names.wijken,
        "buurt_names": names.buurten,
        "line_labels": {line.value: str(label) for line, label in LINE_LABELS.items()},
        **_charts(dashboard, names),
    }


def _charts(dashboard: Dashboard, names: Names) -> dict[str, Any]:
    """The dashboard's charts, each of the newest year it has figures for (the course chart: of every year)."""
    threshold = dashboard.threshold
    indicator_charts = {
        view.indicator: (
            indicator_interval_chart(view, view.years[-1], names, threshold, f"chart-indicator-{index}"),
            indicator_course_chart(view, names, threshold, f"chart-course-{index}") if len(view.years) > 1 else None,
        )
        for index, view in enumerate(dashboard.indicators, start=1)
    }
    rate_year = max(dashboard.rates.columns, default=None)
    reach_year = max(dashboard.reach_quarters, default=None)
    return {
        "indicator_charts": indicator_charts,
        "rate_year": rate_year,
        "rate_chart": response_chart(dashboard, rate_year, names, "chart-response") if rate_year else None,
        "reach_year": reach_year,
        "reach_charts": reach_charts(dashboard, reach_year, names, "chart-reach") if reach_year else [],
    }


@bp.route("/dashboard", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def dashboard() -> ResponseReturnValue:
    form = ReferenceValueForm()
    context = _dashboard_context(form)
    if form.validate_on_submit():
        set_reference(
            db.session,
            ReferenceValue(
                indicator=form.indicator.data or "",
                area_code=current_app.config["MUNICIPALITY_CODE"],
                year=int(form.year.data or 0),
                value=float(form.value.data or 0),
                source=form.source.data or "",
            ),
            by=current_staff(),
        )
        flash(_("The reference value has been saved."), "success")
        return redirect(url_for("bureau.dashboard"))
    # Progress to the programme's targets, as the indicators page shows it (one overview, one table macro).
    context["targets"] = {"overview": targets_overview(context["dashboard"]), **target_helpers()}
    context["pillar_label"], context["goal_label"] = pillar_label, goal_label
    return render_template("bureau/dashboard.html", **context), 400 if form.is_submitted() else 200


@bp.get("/dashboard/export.<fmt>")
@requires_role(Role.ANALYST)
def dashboard_export(fmt: str) -> ResponseReturnValue:
    if fmt not in ("csv", "xlsx"):
        abort(404)
    context = _dashboard_context(ReferenceValueForm())
    sheets = dashboard_sheets(
        context["dashboard"],
        context["labels"],
        context["wijk_names"],
        current_app.config["FOCUS_AREA_NAME"],
        context["buurt_names"],
    )
    record_dashboard_export(db.session, context["dashboard"], fmt, current_staff())
    if fmt == "csv":
        # CSV holds one table: the indicators, the dashboard's main figures.
        return download(csv_bytes(next(iter(sheets.values()))), "dashboard.csv", ExportKind.CSV)
    return download(xlsx_bytes(sheets), "dashboard.xlsx", ExportKind.XLSX)
