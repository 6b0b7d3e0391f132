from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from participation.blueprints.machines.api import bp
from participation.blueprints.machines.api.openapi import MAX_IDEMPOTENCY_KEY, openapi_document
from participation.blueprints.machines.api.problems import ApiRequestError
from participation.blueprints.machines.api.serialise import definition_json, location_json
from participation.extensions import csrf, db, limiter
from participation.geo.app_geocoder import current_geocoder
from participation.models import ResponseChannel
from participation.responses.publishing import current_version_ref, definition_by_ref, find_survey
from participation.responses.submission import SubmissionRejected, submit
from participation.surveys.errors import AnswerError
from participation.surveys.model import QuestionType
from participation.web.errors import problem, unprocessable
from participation.web.privacy import contact_retention_days

# The API is anonymous and sends no cookies that could be abused cross-site, so it needs no CSRF token.
csrf.exempt(bp)


def _api_limit() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def _refused(status: int, error: ApiRequestError) -> ResponseReturnValue:
    return problem(status, error.message)


def _language_error(field: str, value: Any) -> ApiRequestError | None:
    """Why ``value`` is no language this deployment offers; None when it is one, or was not given."""
    languages = list(current_app.config["LANGUAGES"])
    if value is None or (isinstance(value, str) and value in languages):
        return None
    return ApiRequestError(field, "unknown_language", languages=", ".join(languages))


def _submission_key(key: str) -> str:
    # The client's key is kept as a hash: whatever its length up to MAX_IDEMPOTENCY_KEY, the stored form fits the
    # column (with the prefix that keeps it apart from drafts' and paper forms' keys).
    return f"api-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:60]}"


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document(current_app.config["LANGUAGES"]))


@bp.get("/surveys/<slug>")
@limiter.limit(_api_limit)
def survey_definition(slug: str) -> ResponseReturnValue:
    if (refused := _language_error("lang", request.args.get("lang"))) is not None:
        return unprocessable(refused)
    version = current_version_ref(db.session, slug)
    if version is None:
        return _refused(404, ApiRequestError("slug", "no_such_survey"))
    definition = definition_by_ref(db.session, version)
    language = request.args.get("lang") or str(current_app.config["DEFAULT_LANGUAGE"])
    if language not in definition.languages:
        language = definition.default_language
    return jsonify(definition_json(definition, version.number, language))


def _body_errors(body: dict[str, Any]) -> list[ApiRequestError]:
    """What is wrong with the parts of a submission around the answers: its language and campaign."""
    errors: list[ApiRequestError] = []
    if (refused := _language_error("language", body.get("language"))) is not None:
        errors.append(refused)
    if body.get("campaign") is not None and not isinstance(body["campaign"], str):
        errors.append(ApiRequestError("campaign", "not_text"))
    return errors


@bp.post("/surveys/<slug>/responses")
@limiter.limit(_api_limit)
def post_response(slug: str) -> ResponseReturnValue:
    version = current_version_ref(db.session, slug)
    if version is None:
        return _refused(404, ApiRequestError("slug", "no_such_survey"))
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("answers"), dict):
        return _refused(400, ApiRequestError("answers", "not_an_object"))
    key = request.headers.get("Idempotency-Key")
    if key is not None and len(key) > MAX_IDEMPOTENCY_KEY:
        return _refused(400, ApiRequestError("Idempotency-Key", "key_too_long", maximum=MAX_IDEMPOTENCY_KEY))
    errors = _body_errors(body)
    if any(error.field == "language" for error in errors):
        return unprocessable(*errors)
    language = body.get("language") or str(current_app.config["DEFAULT_LANGUAGE"])
    definition = definition_by_ref(db.session, version)
    answers = dict(body["answers"])
    location_questions = [q.id for q in definition.questions() if q.type is QuestionType.LOCATION]
    with force_locale(language):
        if errors:
            return unprocessable(*errors)
        if body.get("location") is not None:
            if not location_questions:
                return unprocessable(AnswerError("unknown_question", question="location"))
            location = body["location"]
            if not isinstance(location, dict) or not location:
                # An empty object would read as a skipped question; the document allows null for that.
                return unprocessable(AnswerError("invalid_location", question="location"))
            if "lat" in location and "source" not in location:
                # A client that sends a bare point most likely read it from the device's GPS.
                location = {**location, "source": "gps"}
            answers.setdefault(location_questions[0], location)
        campaign_name = body.get("campaign")
        campaign = None
        if campaign_name is not None and (survey := find_survey(db.session, slug)) is not None:
            campaign = next((c for c in survey.campaigns if c.name == campaign_name), None)
        geocoder = current_geocoder()
        try:
            outcome = submit(
                db.session,
                version_id=version.id,
                definition=definition,
                answers=answers,
                language=language,
                channel=ResponseChannel.API,
                geocoder=geocoder,
                submission_key=_submission_key(key) if key else None,
                campaign=campaign,
                contact_retention_days=contact_retention_days(),
            )
        except SubmissionRejected as rejected:
            return unprocessable(rejected)
    # Read before the commit, which expires the objects and would cost a reload per attribute.
    payload = {
        "id": outcome.response_id,
        "receipt": outcome.receipt_code,
        "location": location_json(outcome.location, geocoder),
    }
    return jsonify(payload), 201 if outcome.created else 200
