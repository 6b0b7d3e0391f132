"""The resident's way through a survey: ``/<lang>/s/<slug>/``, one page per section, saved as it goes."""

from participation.web.localized import localized_blueprint

bp = localized_blueprint("survey", __name__, template_folder="templates")


@bp.context_processor
def survey_helpers() -> dict[str, object]:
    from participation.blueprints.residents.survey.context import answer_text, question_options

    return {"question_options": question_options, "answer_text": answer_text}


from participation.blueprints.residents.survey import receipt_routes, routes  # noqa: E402,F401
