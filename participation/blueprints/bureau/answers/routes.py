"""Views of the answers browser: the filtered list, a page at a time, and its exports. Every view is for analysts
(and admins); a filter that narrows to fewer than k responses lists and exports nothing."""

from __future__ import annotations

from dataclasses import replace

from flask import abort, current_app, render_template, request
from flask.typing import ResponseReturnValue

from participation.answers.dataset import Table, questions_of
from participation.answers.errors import AnswersError
from participation.answers.files import answers_csv, answers_sav, answers_xlsx
from participation.answers.filters import AnswerFilter, count, survey_slugs
from participation.audit.exports import ExportedFigures, record_export
from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.answers import bp
from participation.blueprints.bureau.answers.context import filter_choices
from participation.blueprints.bureau.answers.forms import query_args, read_filter
from participation.blueprints.bureau.answers.labels import export_headers
from participation.disclosure import DisclosurePolicy
from participation.extensions import db
from participation.i18n import current_language
from participation.models import Role
from participation.web.disclosure import viewer_disclosure
from participation.web.downloads import ExportKind, download
from participation.web.errors import error_response
from participation.web.staff import current_staff

PAGE_SIZE = 50
KINDS = {"csv": ExportKind.CSV, "xlsx": ExportKind.XLSX, "sav": ExportKind.SAV}


def _policy() -> DisclosurePolicy:
    # Rows of people's own answers: k holds for every viewer, admins included (see participation.answers).
    return DisclosurePolicy(threshold=viewer_disclosure().threshold, suppress=True)


def _table(filters: AnswerFilter) -> Table:
    return Table(db.session, filters, current_language().code, current_app.config["SECRET_KEY"])


def _filters() -> AnswerFilter:
    """The filter of the request. Only the questions the browser offers filter: a contact or location question
    given by hand is ignored, so that no one can look for a name, an e-mail address or a street."""
    filters = read_filter(request.args, survey_slugs(db.session))
    questions, _default = questions_of(db.session, filters.survey)
    if filters.question not in {question.id for question in questions}:
        filters = replace(filters, question=None, value=None)
    return filters


def _checked(filters: AnswerFilter, threshold: int) -> int:
    """How many responses match; refused (too_few) when that is more than none and fewer than k."""
    matching = count(db.session, filters)
    if 0 < matching < threshold:
        raise AnswersError("filters", "too_few", k=threshold)
    return matching


@bp.get("/")
@requires_role(Role.ANALYST)
def browse() -> ResponseReturnValue:
    """The responses the filters match, newest first, a page at a time; or why none are listed."""
    surveys = survey_slugs(db.session)
    filters = _filters()
    table = _table(filters)
    threshold = _policy().threshold
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    refusal = None
    records = []
    try:
        matching = _checked(filters, threshold)
    except AnswersError as refused:
        matching, refusal = 0, refused
    else:
        pages = max((matching + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        page = min(page, pages)
        records = list(table.records(offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE))
    return render_template(
        "answers/browse.html",
        filters=filters,
        choices=filter_choices(db.session, table, surveys, filters),
        records=records,
        variables=table.fixed,
        matching=matching,
        refusal=refusal,
        page=page,
        pages=max((matching + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        args=query_args(filters),
        k=threshold,
    )


@bp.get("/export.<fmt>")
@requires_role(Role.ANALYST)
def export(fmt: str) -> ResponseReturnValue:
    """The filtered responses as one file (CSV, XLSX or SPSS), audited."""
    kind = KINDS.get(fmt)
    if kind is None:
        abort(404)
    filters = _filters()
    policy = _policy()
    try:
        if filters.survey is None:
            raise AnswersError("survey", "no_survey")
        _checked(filters, policy.threshold)
    except AnswersError as refused:
        return error_response(refused.status, refused.message)
    dataset = _table(filters).dataset()
    record_export(
        db.session,
        ExportedFigures.ANSWERS,
        actor=current_staff(),
        fmt=fmt,
        policy=policy,
        filters=filters.described(),
        rows=len(dataset.rows),
    )
    stem = f"answers-{filters.survey}"
    if fmt == "csv":
        return download(answers_csv(dataset), f"{stem}.csv", kind)
    if fmt == "xlsx":
        sheets, headers = export_headers()
        return download(answers_xlsx(dataset, sheets, headers), f"{stem}.xlsx", kind)
    return download(answers_sav(dataset), f"{stem}.sav", kind)
