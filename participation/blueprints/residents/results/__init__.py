"""The public "you said, we did" page per wijk, under ``/<lang>/wijk/<wijk_code>/``."""

from participation.web.localized import localized_blueprint

bp = localized_blueprint("results", __name__, template_folder="templates")

from participation.blueprints.residents.results import routes  # noqa: E402,F401
