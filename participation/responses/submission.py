"""Submitting a response: validate, geocode, store once. A double tap or a resend finds the first response."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from participation.audit import record
from participation.config import CONTACT_RETENTION_DAYS
from participation.domain.coded_errors import CodedError
from participation.fieldwork.volunteers import register_volunteer
from participation.geo import Geocoder
from participation.indicators.tallies import WEIGHTING_QUESTION, count_response
from participation.models import (
    Answer,
    Campaign,
    ResponseChannel,
    StaffUser,
    StoredLocation,
    SurveyResponse,
    SurveyVersion,
)
from participation.models.base import DbSession, utcnow
from participation.responses.codes import hash_code, new_code
from participation.responses.places import location_summary, resolve_location
from participation.surveys.answers import drop_hidden, validate_answers
from participation.surveys.errors import MESSAGES as ANSWER_MESSAGES
from participation.surveys.errors import AnswerError
from participation.surveys.model import QuestionType, SurveyDefinition
from participation.surveys.scores import answer_score
from participation.tasks import enqueue_on_commit
from participation.tasks.names import SUGGEST_FOR_RESPONSE

RECEIPT_CODE_LENGTH = 10


class SubmissionRejected(CodedError):
    """Some answers are not valid; ``errors`` says which and why, per question id (the first is this error's)."""

    MESSAGES = ANSWER_MESSAGES

    def __init__(self, errors: Mapping[str, AnswerError]) -> None:
        question, first = next(iter(errors.items()))
        super().__init__(question, first.code, **first.params)
        self.args = (", ".join(f"{question}: {error.code}" for question, error in errors.items()),)
        self.errors = dict(errors)

    @property
    def refusals(self) -> list[CodedError]:
        return [AnswerError(error.code, error.params, question=question) for question, error in self.errors.items()]


@dataclass(frozen=True)
class SubmissionOutcome:
    response_id: int
    # Only a first submission returns the receipt code: it is stored hashed and cannot be shown again.
    receipt_code: str | None
    # Where the response was placed (not attached to the session: read it before or after the commit alike).
    location: StoredLocation | None

    @property
    def created(self) -> bool:
        return self.receipt_code is not None


def find_by_submission_key(session: DbSession, key: str) -> SurveyResponse | None:
    return session.scalar(select(SurveyResponse).where(SurveyResponse.submission_key == key))


def submit(
    session: DbSession,
    *,
    version_id: int,
    definition: SurveyDefinition,
    answers: Mapping[str, Any],
    language: str,
    channel: ResponseChannel,
    geocoder: Geocoder,
    submission_key: str | None,
    campaign: Campaign | None = None,
    entered_by: StaffUser | None = None,
    contact_retention_days: int = CONTACT_RETENTION_DAYS,
) -> SubmissionOutcome:
    """Store one response, or return the one already stored under ``submission_key``; flush, do not commit.

    A resident who offers to take part, with a way to reach them, becomes a contact in the register, kept for
    ``contact_retention_days`` (the register's setting) at most (``fieldwork.volunteers``).
    Without a key (a client that does not retry) a fresh one is made, and the duplicate checks are skipped.
    Raises SubmissionRejected, with an error per question, when any answer is not valid; nothing is stored then.
    """
    resend_possible = submission_key is not None
    if submission_key is None:
        submission_key = f"fresh-{uuid.uuid4()}"
    elif (existing := find_by_submission_key(session, submission_key)) is not None:
        return SubmissionOutcome(existing.id, None, existing.location)

    kept = drop_hidden(definition, answers)
    errors = {key: AnswerError("unknown_question") for key in answers if not definition.has_question(key)}
    errors.update(validate_answers(definition, kept))
    location = None
    stored_answers: dict[str, Any] = {}
    for question in definition.questions():
        if question.id not in kept or question.id in errors:
            continue
        value = kept[question.id]
        if question.type is QuestionType.LOCATION:
            resolved = resolve_location(geocoder, value)
            if isinstance(resolved, AnswerError):
                errors[question.id] = resolved
                continue
            if resolved is None:
                continue
            location = resolved
            value = location_summary(resolved)
        stored_answers[question.id] = value
    if errors:
        raise SubmissionRejected(errors)

    receipt_code = new_code(RECEIPT_CODE_LENGTH)
    response = {
        "survey_version_id": version_id,
        "language": language,
        "channel": channel,
        "campaign_id": campaign.id if campaign else None,
        "submission_key": submission_key,
        "receipt_code_hash": hash_code(receipt_code),
        "entered_by_id": entered_by.id if entered_by else None,
        "submitted_at": utcnow(),
    }
    if not resend_possible:
        response_id = _store(
            session, response, location, stored_answers, definition, entered_by, contact_retention_days
        )
        return SubmissionOutcome(response_id, receipt_code, location)
    # Two requests with the same key can race past the lookup above; the unique key lets only one in.
    try:
        with session.begin_nested():
            response_id = _store(
                session, response, location, stored_answers, definition, entered_by, contact_retention_days
            )
    except IntegrityError:
        winner = find_by_submission_key(session, submission_key)
        if winner is None:
            raise
        return SubmissionOutcome(winner.id, None, winner.location)
    return SubmissionOutcome(response_id, receipt_code, location)


def _store(
    session: DbSession,
    response: dict[str, Any],
    location: StoredLocation | None,
    answers: Mapping[str, Any],
    definition: SurveyDefinition,
    entered_by: StaffUser | None,
    retention_days: int,
) -> int:
    """Insert the location, the response and its answers with one statement each, and the volunteer's contact.

    Core inserts rather than ORM objects: this is the hot path of every submission, and the unit of work's
    bookkeeping cost more than the inserts themselves.
    """
    # The session's connection runs plain Core statements without the ORM's per-statement machinery.
    connection = session.connection()
    if location is not None:
        columns = {column.key: getattr(location, column.key) for column in StoredLocation.__table__.columns}
        del columns["id"]
        location.id = connection.execute(insert(StoredLocation).returning(StoredLocation.id), columns).scalar_one()
        response = {**response, "location_id": location.id}
    response_id = connection.execute(insert(SurveyResponse).returning(SurveyResponse.id), response).scalar_one()
    scores = {
        question_id: answer_score(definition.question(question_id), value) for question_id, value in answers.items()
    }
    if answers:
        connection.execute(
            insert(Answer),
            [
                {
                    "response_id": response_id,
                    "question_id": question_id,
                    "position": position,
                    "value": value,
                    "score": scores[question_id],
                }
                for position, (question_id, value) in enumerate(answers.items())
            ],
        )
    # Theme suggestions for its open answers, made in the background once the response is committed.
    enqueue_on_commit(session, SUGGEST_FOR_RESPONSE, int(response_id))
    register_volunteer(
        session,
        response_id=int(response_id),
        definition=definition,
        answers=answers,
        today=response["submitted_at"].date(),
        retention_days=retention_days,
        recorded_by=entered_by,
        now=response["submitted_at"],
    )
    # Last, so that the tally rows every submission to this buurt shares stay locked (PostgreSQL) for as short a
    # time before the commit as can be.
    count_response(
        session,
        version_id=response["survey_version_id"],
        location=location,
        submitted_at=response["submitted_at"],
        scores=scores.items(),
        indicator_questions=definition.indicator_question_ids,
        age_answer=answers.get(WEIGHTING_QUESTION),
    )
    return int(response_id)


def find_by_receipt(session: DbSession, code: str) -> SurveyResponse | None:
    return session.scalar(select(SurveyResponse).where(SurveyResponse.receipt_code_hash == hash_code(code)))


def enter_paper_form(
    session: DbSession,
    *,
    version: SurveyVersion,
    definition: SurveyDefinition,
    answers: Mapping[str, Any],
    language: str,
    geocoder: Geocoder,
    submission_key: str,
    campaign: Campaign | None,
    entered_by: StaffUser,
    contact_retention_days: int = CONTACT_RETENTION_DAYS,
) -> SubmissionOutcome:
    """Store a paper form a staff member typed in, once per key, and audit who entered it; flush, do not commit.

    Raises SubmissionRejected like ``submit``; a form stored already under the key is not audited a second time."""
    outcome = submit(
        session,
        version_id=version.id,
        definition=definition,
        answers=answers,
        language=language,
        channel=ResponseChannel.PAPER,
        geocoder=geocoder,
        submission_key=submission_key,
        campaign=campaign,
        entered_by=entered_by,
        contact_retention_days=contact_retention_days,
    )
    if outcome.created:
        record(
            session,
            "survey_response.paper_entered",
            actor=entered_by,
            subject=session.get(SurveyResponse, outcome.response_id),
            survey=version.survey.slug,
            version=version.number,
            language=language,
            campaign=campaign.name if campaign is not None else None,
        )
    return outcome
