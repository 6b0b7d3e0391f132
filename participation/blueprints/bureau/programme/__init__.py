"""The bureau's programme input pages: inputs per wijk, their evidence, theme counts and exports (analysts)."""

from flask import Blueprint

bp = Blueprint("programme", __name__, url_prefix="/bureau/programme", template_folder="templates")

from participation.blueprints.bureau.programme import export_routes, routes  # noqa: E402,F401
