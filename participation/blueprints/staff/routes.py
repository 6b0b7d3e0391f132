from __future__ import annotations

from flask import render_template

from participation.blueprints.auth.guards import requires_role
from participation.blueprints.staff import bp
from participation.models import Role


@bp.get("/")
@requires_role(Role.PROFESSIONAL)
def dashboard() -> str:
    return render_template("staff/dashboard.html")
