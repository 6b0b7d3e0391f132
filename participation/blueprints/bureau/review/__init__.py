"""The analysts' review of themes: the queue of suggested themes, double coding, agreement and emerging themes."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/bureau/review", template_folder="templates")

from participation.blueprints.bureau.review import routes  # noqa: E402,F401
