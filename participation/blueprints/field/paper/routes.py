"""Views for printed surveys: thin, each reads the request, calls the printing or responses domain, and renders."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.field.paper import bp
from participation.blueprints.field.paper.forms import (
    CAMPAIGN_FIELD,
    KEY_FIELD,
    LANGUAGE_FIELD,
    PaperEntry,
    entry_context,
    submission_key,
)
from participation.extensions import db
from participation.geo.app_geocoder import current_geocoder
from participation.i18n import current_language, describe
from participation.models import ResponseChannel, Role, Survey, SurveyResponse, SurveyVersion
from participation.printing.qr import survey_link
from participation.printing.skip_hints import question_numbers, skip_hint
from participation.responses.publishing import current_version, definition_of, find_survey
from participation.responses.submission import SubmissionRejected, enter_paper_form
from participation.surveys.model import Page, Question, SurveyDefinition
from participation.web.downloads import ExportKind, download
from participation.web.privacy import contact_retention_days
from participation.web.staff import current_staff


def _published(slug: str) -> tuple[Survey, SurveyVersion, SurveyDefinition]:
    survey = find_survey(db.session, slug)
    version = current_version(db.session, slug)
    if survey is None or version is None:
        abort(404)
    return survey, version, definition_of(version)


def _display_language(definition: SurveyDefinition) -> str:
    """The staff member's own language when the survey has it, else the survey's default."""
    code = current_language().code
    return code if code in definition.languages else definition.default_language


@bp.get("/")
@requires_role(Role.PROFESSIONAL)
def surveys() -> ResponseReturnValue:
    """Every published survey with its campaigns, a poster form, its paper forms and the data-entry link."""
    rows = []
    for survey in db.session.scalars(select(Survey).order_by(Survey.slug)):
        version = current_version(db.session, survey.slug)
        if version is not None:
            definition = definition_of(version)
            rows.append((survey, version, definition, _display_language(definition)))
    return render_template("paper/surveys.html", rows=rows, describe=describe)


@bp.get("/<slug>/poster")
@requires_role(Role.PROFESSIONAL)
def poster(slug: str) -> ResponseReturnValue:
    """The A4 poster for the chosen languages and campaign, as PDF or (``format=svg``) SVG."""
    # The printing modules bring fpdf and its font tools: loaded by the first poster or form, not by every worker.
    from participation.printing.poster import UnknownLanguage, poster_pdf, poster_svg

    survey, _version, definition = _published(slug)
    languages = request.args.getlist("lang") or [definition.default_language]
    campaign = request.args.get("campaign", "")
    if campaign and all(known.name != campaign for known in survey.campaigns):
        abort(400)
    # Without a configured address, the one this request came in on (behind trusted proxies, the one they name),
    # so a poster printed from `make run PORT=5055` opens that very server.
    base_url = str(current_app.config.get("PUBLIC_BASE_URL") or request.host_url)
    url = survey_link(base_url, slug, languages[0], campaign or None)
    stem = "-".join([slug, "poster", *([campaign] if campaign else []), *dict.fromkeys(languages)])
    try:
        if request.args.get("format") == "svg":
            return download(poster_svg(definition, url, languages), f"{stem}.svg", ExportKind.SVG)
        return download(poster_pdf(definition, url, languages), f"{stem}.pdf", ExportKind.PDF)
    except UnknownLanguage:
        abort(400)


@bp.get("/<slug>/paper/<language>.pdf")
@requires_role(Role.PROFESSIONAL)
def paper_form(slug: str, language: str) -> ResponseReturnValue:
    """The paper form of the newest version in one language, as PDF."""
    from participation.printing.paper_form import paper_form_pdf

    _survey, version, definition = _published(slug)
    if language not in definition.languages:
        abort(404)
    data = paper_form_pdf(definition, language, version=version.number)
    return download(data, f"{slug}-{language}-v{version.number}.pdf", ExportKind.PDF)


def _skip_hints(definition: SurveyDefinition, numbers: dict[str, int], language: str) -> dict[str, str]:
    """The paper form's "Only if ..." note per conditional page and question id, so staff see why answers drop."""
    conditional: list[Page | Question] = [*definition.pages, *definition.questions()]
    return {
        item.id: skip_hint(item.show_if, definition, numbers, language)
        for item in conditional
        if item.show_if is not None
    }


def _render_entry(definition: SurveyDefinition, entry: PaperEntry, status: int = 200) -> ResponseReturnValue:
    context = entry_context(definition)
    numbers = question_numbers(definition)
    lang = _display_language(definition)
    return (
        render_template(
            "paper/entry.html",
            definition=definition,
            entry=entry,
            lang=lang,
            numbers=numbers,
            skip_hints=_skip_hints(definition, numbers, lang),
            describe=describe,
            fields={"language": LANGUAGE_FIELD, "campaign": CAMPAIGN_FIELD, "key": KEY_FIELD},
            ctx=context,
            **context,
        ),
        status,
    )


@bp.get("/<slug>/entry")
@requires_role(Role.PROFESSIONAL)
def entry(slug: str) -> ResponseReturnValue:
    """An empty data-entry form with a fresh key; ``language`` and ``campaign`` preselect the last form's."""
    survey, _version, definition = _published(slug)
    language = request.args.get("language", "")
    entry = PaperEntry(
        definition,
        survey,
        language=language if language in definition.languages else definition.default_language,
        campaign=request.args.get("campaign", ""),
    )
    return _render_entry(definition, entry)


@bp.post("/<slug>/entry")
@requires_role(Role.PROFESSIONAL)
def enter(slug: str) -> ResponseReturnValue:
    """Store one typed-in paper form (once per key), or show it again with the errors next to the fields."""
    survey, version, definition = _published(slug)
    entry = PaperEntry(definition, survey, language=definition.default_language)
    entry.read(request.form, current_geocoder())
    if entry.has_errors:
        return _render_entry(definition, entry, 400)
    staff = current_staff()
    try:
        outcome = enter_paper_form(
            db.session,
            version=version,
            definition=definition,
            answers=entry.valid_answers,
            language=entry.language,
            geocoder=current_geocoder(),
            submission_key=submission_key(entry.key),
            campaign=entry.campaign,
            entered_by=staff,
            contact_retention_days=contact_retention_days(),
        )
    except SubmissionRejected as rejected:
        entry.refuse(rejected)
        return _render_entry(definition, entry, 400)
    if not outcome.created:
        flash(_("This form had been stored already. It was not stored a second time."), "info")
    return redirect(url_for("paper.entered", slug=slug, response_id=outcome.response_id))


@bp.get("/<slug>/entry/<int:response_id>")
@requires_role(Role.PROFESSIONAL)
def entered(slug: str, response_id: int) -> ResponseReturnValue:
    """The confirmation of a stored paper form, with the link to enter the next one."""
    _survey, _version, definition = _published(slug)
    response = db.session.get(SurveyResponse, response_id)
    if response is None or response.channel is not ResponseChannel.PAPER or response.survey_version.survey.slug != slug:
        abort(404)
    campaign = response.campaign.name if response.campaign is not None else ""
    next_form = url_for("paper.entry", slug=slug, language=response.language, campaign=campaign or None)
    return render_template(
        "paper/entered.html",
        definition=definition,
        lang=_display_language(definition),
        response=response,
        next_form=next_form,
        describe=describe,
    )
