"""Views of the resident flow: thin, each parses the request, calls the responses domain and renders."""

from __future__ import annotations

from flask import abort, g, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from markupsafe import escape

from participation.blueprints.residents.survey import bp
from participation.blueprints.residents.survey.context import PageForm, page_context, place_chosen_text
from participation.blueprints.residents.survey.session_drafts import (
    current_draft,
    forget_draft,
    remember_draft,
    remember_receipt,
    shown_receipt,
)
from participation.extensions import db, limiter
from participation.geo import InvalidCoordinates
from participation.geo.app_geocoder import current_geocoder
from participation.i18n import is_supported
from participation.models import Campaign, ResponseDraft, SurveyVersion
from participation.responses.drafts import find_draft, save_answers, start_draft, submit_and_delete_draft
from participation.responses.publishing import current_version, definition_of, find_survey, takes_new_residents
from participation.responses.submission import SubmissionRejected
from participation.surveys.errors import AnswerError
from participation.surveys.model import SurveyDefinition
from participation.web.clock import local_today
from participation.web.privacy import contact_retention_days
from participation.web.transactions import commit_now

RESUME_CODES_KEY = "survey_resume_codes"
# A field people never see: software that fills in every field gives itself away.
HONEYPOT_FIELD = "website"


@bp.before_request
def refuse_form_robots() -> None:
    if request.method == "POST" and request.form.get(HONEYPOT_FIELD):
        abort(400)


def _published(slug: str) -> tuple[SurveyVersion, SurveyDefinition]:
    version = current_version(db.session, slug)
    if version is None:
        abort(404)
    return version, definition_of(version)


def _closed(version: SurveyVersion, definition: SurveyDefinition) -> bool:
    return not takes_new_residents(version.survey, definition, local_today())


def _campaign(slug: str, name: str | None) -> Campaign | None:
    if not name:
        return None
    survey = find_survey(db.session, slug)
    if survey is None:
        return None
    return next((campaign for campaign in survey.campaigns if campaign.name == name), None)


def _draft_or_intro(slug: str) -> ResponseDraft | ResponseReturnValue:
    draft = current_draft(slug)
    if draft is None:
        return redirect(url_for("survey.intro", slug=slug))
    return draft


def _intro(
    slug: str, version: SurveyVersion, definition: SurveyDefinition, campaign_name: str | None
) -> ResponseReturnValue:
    draft = current_draft(slug)
    closed = _closed(version, definition)
    page = render_template(
        "survey/intro.html",
        definition=definition,
        campaign=_campaign(slug, campaign_name),
        draft=draft,
        closed=closed,
    )
    # A closed survey is gone for new residents; one who already started may still finish.
    return page, 410 if closed and draft is None else 200


@bp.get("/s/<slug>/")
def intro(slug: str) -> ResponseReturnValue:
    version, definition = _published(slug)
    return _intro(slug, version, definition, request.args.get("c"))


@bp.post("/s/<slug>/start")
@limiter.limit("30 per hour")
def start(slug: str) -> ResponseReturnValue:
    version, definition = _published(slug)
    if _closed(version, definition):
        return _intro(slug, version, definition, None)
    draft, code = start_draft(db.session, version, _language(), _campaign(slug, request.form.get("campaign")))
    remember_draft(slug, draft)
    # The resume code is shown on the first page and the "saved" page; the server keeps only its hash.
    session[RESUME_CODES_KEY] = {**session.get(RESUME_CODES_KEY, {}), slug: code}
    return redirect(url_for("survey.page", slug=slug, number=1))


def _language() -> str:
    return str(g.lang_code)


@bp.route("/s/<slug>/<int:number>", methods=["GET", "POST"])
def page(slug: str, number: int) -> ResponseReturnValue:
    found = _draft_or_intro(slug)
    if not isinstance(found, ResponseDraft):
        return found
    draft = found
    definition = definition_of(draft.survey_version)
    pages = definition.visible_pages(draft.answers)
    if not 1 <= number <= len(pages):
        return redirect(url_for("survey.page", slug=slug, number=max(1, min(number, len(pages)))))
    form = PageForm(definition, pages[number - 1], draft.answers)
    status = 200
    if request.method == "POST":
        form.read(request.form, current_geocoder())
        save_answers(db.session, draft, form.valid_answers, form.cleared)
        draft.language = _language()
        switch_to = request.form.get("language", "")
        if is_supported(switch_to):
            # The language switcher on a survey page submits the page: what was typed stays.
            return redirect(url_for("survey.page", slug=slug, number=number, lang_code=switch_to))
        action = request.form.get("action", "next")
        if action == "back":
            return redirect(
                url_for("survey.page", slug=slug, number=number - 1)
                if number > 1
                else url_for("survey.intro", slug=slug)
            )
        if action == "save":
            return redirect(url_for("survey.saved", slug=slug))
        if not form.errors:
            pages = definition.visible_pages(draft.answers)
            if number < len(pages):
                return redirect(url_for("survey.page", slug=slug, number=number + 1))
            return redirect(url_for("survey.check", slug=slug))
        commit_now()  # the page is shown again for its errors, but the answers that were valid stay saved
        status = 400
    return (
        render_template(
            "survey/page.html",
            definition=definition,
            form=form,
            number=number,
            total=len(pages),
            resume_code=session.get(RESUME_CODES_KEY, {}).get(slug) if number == 1 else None,
            language_form="survey-page",
            **page_context(definition, pages[number - 1]),
        ),
        status,
    )


@bp.get("/s/<slug>/continue")
def continue_draft(slug: str) -> ResponseReturnValue:
    """Back to where the resident stopped: the first page without an answer, or the check page."""
    found = _draft_or_intro(slug)
    if not isinstance(found, ResponseDraft):
        return found
    number = definition_of(found.survey_version).first_page_without_answer(found.answers)
    if number is None:
        return redirect(url_for("survey.check", slug=slug))
    return redirect(url_for("survey.page", slug=slug, number=number))


@bp.get("/place")
@limiter.limit("120 per minute")
def place() -> ResponseReturnValue:
    """Names the buurt (and street) of a point the resident tapped or found with GPS, for the map to show."""
    try:
        lat, lon = float(request.args.get("lat", "")), float(request.args.get("lon", ""))
        located = current_geocoder().locate(lat, lon)
    except (ValueError, InvalidCoordinates):
        return jsonify(inside=False, html=escape(AnswerError("invalid_location").message)), 400
    if not located.inside or located.buurt is None:
        return jsonify(inside=False, html=escape(AnswerError("outside").message))
    return jsonify(
        inside=True,
        buurt=located.buurt.name,
        street=located.street,
        html=place_chosen_text(located.buurt.name, located.street),
    )


@bp.get("/s/<slug>/saved")
def saved(slug: str) -> ResponseReturnValue:
    found = _draft_or_intro(slug)
    if not isinstance(found, ResponseDraft):
        return found
    _version, definition = _published(slug)
    return render_template(
        "survey/saved.html",
        definition=definition,
        resume_code=session.get(RESUME_CODES_KEY, {}).get(slug),
        expires_at=found.expires_at,
    )


@bp.get("/s/<slug>/check")
def check(slug: str) -> ResponseReturnValue:
    found = _draft_or_intro(slug)
    if not isinstance(found, ResponseDraft):
        return found
    definition = definition_of(found.survey_version)
    return render_template("survey/check.html", definition=definition, draft=found, errors={})


@bp.post("/s/<slug>/submit")
@limiter.limit("20 per hour")
def submit_draft(slug: str) -> ResponseReturnValue:
    draft = current_draft(slug)
    if draft is None:
        # A second tap, a resend or the back button: the response is stored already (and the draft deleted).
        if shown_receipt(slug):
            return redirect(url_for("survey.thanks", slug=slug))
        return redirect(url_for("survey.intro", slug=slug))
    try:
        outcome = submit_and_delete_draft(
            db.session,
            draft,
            language=_language(),
            geocoder=current_geocoder(),
            contact_retention_days=contact_retention_days(),
        )
    except SubmissionRejected as rejected:
        definition = definition_of(draft.survey_version)
        return render_template("survey/check.html", definition=definition, draft=draft, errors=rejected.errors), 400
    if outcome.receipt_code:
        remember_receipt(slug, outcome.receipt_code)
    forget_draft(slug)
    return redirect(url_for("survey.thanks", slug=slug))


@bp.get("/s/<slug>/thanks")
def thanks(slug: str) -> ResponseReturnValue:
    _version, definition = _published(slug)
    return render_template("survey/thanks.html", definition=definition, receipt_code=shown_receipt(slug))


@bp.route("/s/<slug>/resume", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def resume(slug: str) -> ResponseReturnValue:
    _version, definition = _published(slug)
    problem = None
    if request.method == "POST":
        draft = find_draft(db.session, request.form.get("code", ""))
        if draft is not None and draft.survey_version.survey.slug == slug:
            remember_draft(slug, draft)
            return redirect(url_for("survey.continue_draft", slug=slug))
        problem = "unknown"
    return render_template("survey/resume.html", definition=definition, problem=problem), 400 if problem else 200
