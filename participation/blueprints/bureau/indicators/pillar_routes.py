"""Themes and programme inputs rolled up per pillar and per strategic goal."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.indicators import bp
from participation.blueprints.bureau.indicators.context import language, overview
from participation.extensions import db
from participation.indicators.targets import STATUS_LABELS, Status
from participation.models import Role
from participation.programme.rollups import programme_rollups, targets_per_status
from participation.web.disclosure import viewer_disclosure


@bp.get("/pillars")
@requires_role(Role.ANALYST)
def pillars() -> ResponseReturnValue:
    policy = viewer_disclosure()
    rollups = programme_rollups(db.session, language=language(), threshold=policy.threshold, suppress=policy.suppress)
    progress = overview().progress
    return render_template(
        "indicators/pillars.html",
        rollups=rollups,
        targets={
            "pillars": targets_per_status(progress, by_goal=False),
            "goals": targets_per_status(progress, by_goal=True),
        },
        target_statuses=[(status.value, str(STATUS_LABELS[status])) for status in Status],
    )
