"""Staff pages for printed surveys: posters with a QR code, paper forms per language, and entering paper answers."""

from flask import Blueprint

bp = Blueprint("paper", __name__, url_prefix="/staff/surveys", template_folder="templates")

from participation.blueprints.field.paper import routes  # noqa: E402,F401
