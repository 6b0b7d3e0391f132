from __future__ import annotations

from flask import render_template

from participation.areas import area_overview
from participation.blueprints.auth.guards import requires_role
from participation.blueprints.bureau import bp
from participation.extensions import db
from participation.models import Role


@bp.get("/")
@requires_role(Role.ANALYST)
def overview() -> str:
    return render_template("bureau/overview.html", overview=area_overview(db.session))
