"""Setting, changing and removing the targets of the programme's operational goals."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.indicators import bp
from participation.blueprints.bureau.indicators.context import area_names, helpers, language, overview
from participation.blueprints.bureau.indicators.forms import DeleteTargetForm, TargetForm
from participation.extensions import db
from participation.indicators.targets import (
    TargetError,
    TargetValue,
    delete_target,
    set_target,
    target_areas,
    target_indicators,
)
from participation.models import IndicatorTarget, Role
from participation.models.themes import STRATEGIC_GOALS, Pillar
from participation.themes.pillars import goal_label, pillar_label
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


def _with_choices(form: TargetForm) -> tuple[dict[str, str], list[str]]:
    indicators = target_indicators(db.session, language())
    areas = target_areas(db.session)
    names = area_names()
    form.indicator.choices = [SelectChoice(key, name) for key, name in indicators.items()]
    form.area_code.choices = [SelectChoice(code, names.get(code, code)) for code in areas]
    form.pillar.choices = [SelectChoice("", _("None")), *(SelectChoice(str(p.value), pillar_label(p)) for p in Pillar)]
    form.goal.choices = [SelectChoice("", _("None")), *(SelectChoice(str(g), goal_label(g)) for g in STRATEGIC_GOALS)]
    return indicators, areas


def _page(form: TargetForm, status: int = 200) -> ResponseReturnValue:
    return (
        render_template(
            "indicators/targets.html",
            form=form,
            delete_form=DeleteTargetForm(),
            overview=overview(),
            pillar_label=pillar_label,
            goal_label=goal_label,
            **helpers(),
        ),
        status,
    )


@bp.route("/indicators/targets", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def targets() -> ResponseReturnValue:
    """The targets with their progress, and the form that sets one (``?edit=<id>`` fills it with a target)."""
    form = TargetForm()
    indicators, areas = _with_choices(form)
    if not form.is_submitted():
        editing = request.args.get("edit", type=int)
        if editing is not None:
            target = db.session.get(IndicatorTarget, editing)
            if target is None:
                abort(404)
            form.process(
                data={
                    "indicator": target.indicator,
                    "area_code": target.area_code,
                    "year": target.year,
                    "value": target.value,
                    "pillar": str(target.pillar or ""),
                    "goal": str(target.goal or ""),
                    "note": target.note,
                }
            )
        return _page(form)
    if not form.validate():
        return _page(form, 400)
    value = TargetValue(
        indicator=form.indicator.data or "",
        area_code=form.area_code.data or "",
        year=int(form.year.data or 0),
        value=float(form.value.data if form.value.data is not None else "nan"),
        pillar=int(form.pillar.data) if form.pillar.data else None,
        goal=int(form.goal.data) if form.goal.data else None,
        note=(form.note.data or "").strip(),
    )
    try:
        set_target(db.session, value, indicators=indicators, areas=areas, by=current_staff())
    except TargetError as refusal:
        show_refusal(form, refusal)
        return _page(form, 400)
    flash(_("The target has been saved."), "success")
    return redirect(url_for("indicators.targets"))


@bp.post("/indicators/targets/<int:target_id>/delete")
@requires_role(Role.ANALYST)
def delete(target_id: int) -> ResponseReturnValue:
    if not DeleteTargetForm().validate_on_submit():
        abort(400)
    try:
        delete_target(db.session, target_id, by=current_staff())
    except TargetError:
        abort(404)
    flash(_("The target has been removed."), "success")
    return redirect(url_for("indicators.targets"))
