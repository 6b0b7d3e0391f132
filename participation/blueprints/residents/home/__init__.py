"""Public pages for residents, under ``/<lang>/``; and ``/``, which picks a language and sends you there."""

from flask import Blueprint

from participation.web.localized import localized_blueprint

bp = localized_blueprint("public", __name__, template_folder="templates")
language_bp = Blueprint("language", __name__)

from participation.blueprints.residents.home import routes  # noqa: E402,F401
