"""``GET /healthz`` for load balancers and monitoring: 200 when the database answers, 503 when it does not."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from participation.extensions import db, limiter, talisman

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@limiter.exempt
@talisman(force_https=False)
def healthz() -> tuple[Response, int]:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok"), 200
