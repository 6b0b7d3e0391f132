"""Field work for professionals at ``/field/``: log a conversation in under a minute, also without a connection."""

from flask import Blueprint

bp = Blueprint("field", __name__, url_prefix="/field", template_folder="templates")

from participation.blueprints.field.conversations import follow_up_routes, offline_routes, routes  # noqa: E402,F401
