"""The JSON API for apps and kiosks: ``/api/v1``, anonymous like the web form, documented at openapi.json."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from participation.blueprints.machines.api import routes  # noqa: E402,F401
