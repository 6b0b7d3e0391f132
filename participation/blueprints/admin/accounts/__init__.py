"""Administration: staff accounts and the audit log (admins only)."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

from participation.blueprints.admin.accounts import routes  # noqa: E402,F401
