"""Themes and programme inputs rolled up per pillar and per strategic goal."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.indicators import bp
from participation.blueprints.bureau.indicators.context import language
from participation.extensions import db
from participation.models import Role
from participation.programme.rollups import programme_rollups
from participation.web.disclosure import viewer_disclosure


@bp.get("/pillars")
@requires_role(Role.ANALYST)
def pillars() -> ResponseReturnValue:
    policy = viewer_disclosure()
    rollups = programme_rollups(db.session, language=language(), threshold=policy.threshold, suppress=policy.suppress)
    return render_template("indicators/pillars.html", rollups=rollups)
