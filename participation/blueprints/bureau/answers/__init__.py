"""The analysts' browser of individual survey responses, pseudonymised, with its CSV, XLSX and SPSS exports."""

from flask import Blueprint

bp = Blueprint("answers", __name__, url_prefix="/bureau/answers", template_folder="templates")

from participation.blueprints.bureau.answers import routes  # noqa: E402,F401
