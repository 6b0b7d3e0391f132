"""The bureau's yearly accountability report: a page per year, a printable document and a PDF (analysts)."""

from flask import Blueprint

bp = Blueprint("report", __name__, url_prefix="/bureau/report", template_folder="templates")

from participation.blueprints.bureau.report import routes  # noqa: E402,F401
