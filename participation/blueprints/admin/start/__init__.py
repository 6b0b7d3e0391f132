"""The staff start page: what a signed-in professional, analyst or admin can do."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")

from participation.blueprints.admin.start import routes  # noqa: E402,F401
