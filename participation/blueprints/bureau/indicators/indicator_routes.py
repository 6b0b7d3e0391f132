"""The indicators page: every indicator of the focus area beside the Dordrecht average, and progress to targets."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.indicators import bp
from participation.blueprints.bureau.indicators.context import helpers, overview
from participation.models import Role
from participation.themes.pillars import goal_label, pillar_label


@bp.get("/indicators")
@requires_role(Role.ANALYST)
def index() -> ResponseReturnValue:
    return render_template(
        "indicators/index.html",
        overview=overview(),
        pillar_label=pillar_label,
        goal_label=goal_label,
        **helpers(),
    )
