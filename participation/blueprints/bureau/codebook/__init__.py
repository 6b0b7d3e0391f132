"""The bureau's codebook pages: themes grouped by pillar, with create, edit and merge (analysts and admins)."""

from flask import Blueprint

bp = Blueprint("codebook", __name__, url_prefix="/bureau/themes", template_folder="templates")

from participation.blueprints.bureau.codebook import routes  # noqa: E402,F401
