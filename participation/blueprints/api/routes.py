from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from werkzeug.exceptions import HTTPException

from participation.blueprints.api import bp
from participation.blueprints.api.openapi import openapi_document
from participation.blueprints.api.serialise import definition_json, location_json
from participation.extensions import csrf, db, limiter
from participation.geocoding import current_geocoder
from participation.models import ResponseChannel
from participation.responses.publishing import (
    current_version,
    current_version_ref,
    definition_by_ref,
    definition_of,
    find_survey,
)
from participation.responses.submission import SubmissionRejected, submit
from participation.surveys.errors import AnswerError
from participation.surveys.model import QuestionType

MAX_IDEMPOTENCY_KEY = 64

# The API is anonymous and sends no cookies that could be abused cross-site, so it needs no CSRF token.
csrf.exempt(bp)


def _api_limit() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def _problem(status: int, message: str, **extra: Any) -> ResponseReturnValue:
    return jsonify(error=message, **extra), status


@bp.errorhandler(HTTPException)
def api_error(error: HTTPException) -> ResponseReturnValue:
    # The API answers in JSON, also when something goes wrong before a view runs (404, 405, 429).
    return _problem(error.code or 500, error.description or error.name)


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document(current_app.config["LANGUAGES"]))


def _language(value: Any) -> str:
    languages = current_app.config["LANGUAGES"]
    return value if isinstance(value, str) and value in languages else str(current_app.config["DEFAULT_LANGUAGE"])


@bp.get("/surveys/<slug>")
@limiter.limit(_api_limit)
def survey_definition(slug: str) -> ResponseReturnValue:
    version = current_version(db.session, slug)
    if version is None:
        return _problem(404, "no such survey")
    language = _language(request.args.get("lang"))
    definition = definition_of(version)
    if language not in definition.languages:
        language = definition.default_language
    return jsonify(definition_json(definition, version.number, language))


@bp.post("/surveys/<slug>/responses")
@limiter.limit(_api_limit)
def post_response(slug: str) -> ResponseReturnValue:
    version = current_version_ref(db.session, slug)
    if version is None:
        return _problem(404, "no such survey")
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("answers", {}), dict):
        return _problem(400, "send a JSON object with an 'answers' object")
    key = request.headers.get("Idempotency-Key")
    if key is not None and len(key) > MAX_IDEMPOTENCY_KEY:
        return _problem(400, f"Idempotency-Key is longer than {MAX_IDEMPOTENCY_KEY} characters")
    definition = definition_by_ref(db.session, version)
    language = _language(body.get("language"))
    answers = dict(body.get("answers") or {})
    location_questions = [q.id for q in definition.questions() if q.type is QuestionType.LOCATION]
    with force_locale(language):
        if body.get("location") is not None:
            if not location_questions:
                return jsonify(errors={"location": AnswerError("unknown_question").to_dict()}), 422
            location = body["location"]
            if isinstance(location, dict) and "lat" in location and "source" not in location:
                # A client that sends a bare point most likely read it from the device's GPS.
                location = {**location, "source": "gps"}
            answers.setdefault(location_questions[0], location)
        campaign_name = body.get("campaign")
        campaign = None
        if isinstance(campaign_name, str) and (survey := find_survey(db.session, slug)) is not None:
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
                submission_key=f"api-{key}" if key else None,
                campaign=campaign,
            )
        except SubmissionRejected as rejected:
            db.session.rollback()
            return jsonify(errors={question: error.to_dict() for question, error in rejected.errors.items()}), 422
    # Read before the commit, which expires the objects and would cost a reload per attribute.
    payload = {
        "id": outcome.response_id,
        "receipt": outcome.receipt_code,
        "location": location_json(outcome.location, geocoder),
    }
    db.session.commit()
    return jsonify(payload), 201 if outcome.created else 200
