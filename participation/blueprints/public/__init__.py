"""Public pages for residents, under ``/<lang>/``; and ``/``, which picks a language and sends you there."""

from flask import Blueprint

bp = Blueprint("public", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")
language_bp = Blueprint("language", __name__)

from participation.blueprints.public import routes  # noqa: E402,F401
