from __future__ import annotations

from flask import render_template

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.admin.start import bp
from participation.models import Role


@bp.get("/")
@requires_role(Role.PROFESSIONAL)
def dashboard() -> str:
    return render_template("staff/dashboard.html")
