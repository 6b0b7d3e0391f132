"""The bureau's pages on indicators beyond the survey and their targets, the roll-ups per pillar and strategic goal,
and reach by campaign and channel (analysts and admins)."""

from flask import Blueprint

bp = Blueprint("indicators", __name__, url_prefix="/bureau", template_folder="templates")

from participation.blueprints.bureau.indicators import (  # noqa: E402,F401
    indicator_routes,
    pillar_routes,
    reach_routes,
    target_routes,
)
