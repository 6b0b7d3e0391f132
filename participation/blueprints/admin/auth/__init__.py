"""Staff sign-in, sign-out and password change."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from participation.blueprints.admin.auth import routes  # noqa: E402,F401
