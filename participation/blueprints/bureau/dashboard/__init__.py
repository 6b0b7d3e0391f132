"""The programme bureau's pages (analysts and admins)."""

from flask import Blueprint

bp = Blueprint("bureau", __name__, url_prefix="/bureau", template_folder="templates")

from participation.blueprints.bureau.dashboard import routes  # noqa: E402,F401
