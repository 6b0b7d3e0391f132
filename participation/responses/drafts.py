"""Answers saved page by page, before submitting, and found again with a resume code for 14 days.

A draft holds what the resident typed, so it lives no longer than needed: it is deleted when it is submitted
(the response keeps what may be kept), and ``flask privacy purge`` deletes the ones left past their date.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from participation.audit import record
from participation.config import CONTACT_RETENTION_DAYS
from participation.geo import Geocoder
from participation.models import Campaign, ResponseChannel, ResponseDraft, SurveyVersion
from participation.models.base import DbSession, utcnow
from participation.responses.codes import hash_code, looks_like_code, new_code
from participation.responses.places import point_for_draft
from participation.responses.publishing import definition_of
from participation.responses.submission import SubmissionOutcome, submit
from participation.surveys.model import QuestionType

DRAFT_LIFETIME = timedelta(days=14)
RESUME_CODE_LENGTH = 10
DRAFTS_PURGED = "privacy.drafts_purged"


def start_draft(
    session: DbSession, version: SurveyVersion, language: str, campaign: Campaign | None = None
) -> tuple[ResponseDraft, str]:
    """A new, empty draft and its resume code (returned once; only its hash is stored)."""
    code = new_code(RESUME_CODE_LENGTH)
    now = utcnow()
    draft = ResponseDraft(
        survey_version=version,
        resume_code_hash=hash_code(code),
        language=language,
        campaign_id=campaign.id if campaign else None,
        answers={},
        created_at=now,
        updated_at=now,
        expires_at=now + DRAFT_LIFETIME,
    )
    session.add(draft)
    session.flush()
    return draft, code


def find_draft(session: DbSession, code: str, now: datetime | None = None) -> ResponseDraft | None:
    """The draft this resume code opens, if it is still valid (not expired, not submitted)."""
    if not looks_like_code(code, RESUME_CODE_LENGTH):
        return None
    draft = session.scalar(select(ResponseDraft).where(ResponseDraft.resume_code_hash == hash_code(code)))
    if draft is None or draft.expires_at <= (now or utcnow()):
        return None
    return draft


def draft_by_id(session: DbSession, draft_id: int, now: datetime | None = None) -> ResponseDraft | None:
    # Every survey page needs the draft's version and survey too: one query for the three.
    draft = session.get(
        ResponseDraft,
        draft_id,
        options=[joinedload(ResponseDraft.survey_version).joinedload(SurveyVersion.survey)],
    )
    if draft is None or draft.expires_at <= (now or utcnow()):
        return None
    return draft


def save_answers(
    session: DbSession, draft: ResponseDraft, answers: Mapping[str, Any], cleared: frozenset[str] = frozenset()
) -> None:
    """Merge one page's answers into the draft; ``cleared`` questions were left empty this time.

    A tapped point is kept as a submitted response would keep it: exactly only with the resident's consent.
    """
    locations = {
        question.id
        for question in definition_of(draft.survey_version).questions()
        if question.type is QuestionType.LOCATION
    }
    merged = {key: value for key, value in draft.answers.items() if key not in cleared}
    merged.update({key: point_for_draft(value) if key in locations else value for key, value in answers.items()})
    # A new dict, so SQLAlchemy sees the change to the JSON column.
    draft.answers = merged
    draft.updated_at = utcnow()
    draft.expires_at = draft.updated_at + DRAFT_LIFETIME
    session.flush()


def submit_and_delete_draft(
    session: DbSession,
    draft: ResponseDraft,
    *,
    language: str,
    geocoder: Geocoder,
    contact_retention_days: int = CONTACT_RETENTION_DAYS,
) -> SubmissionOutcome:
    """Submit a draft's answers as a web response and delete the draft; flush, do not commit.

    Raises ``SubmissionRejected`` when an answer is not valid, and then keeps the draft. A second submission of the
    same draft (a double tap racing the first) finds the first response by the draft's key.
    """
    outcome = submit(
        session,
        version_id=draft.survey_version_id,
        definition=definition_of(draft.survey_version),
        answers=draft.answers,
        language=language,
        channel=ResponseChannel.WEB,
        geocoder=geocoder,
        submission_key=f"draft-{draft.id}-{draft.resume_code_hash[:16]}",
        campaign=draft.campaign,
        contact_retention_days=contact_retention_days,
    )
    # A plain DELETE: a racing second submission finds the row gone and deletes nothing, without complaint.
    session.execute(
        delete(ResponseDraft).where(ResponseDraft.id == draft.id).execution_options(synchronize_session=False)
    )
    session.expunge(draft)
    return outcome


def purge_expired_drafts(session: DbSession, now: datetime | None = None) -> int:
    """Delete drafts past their date; returns how many, and audits the count. Submitted responses are separate and
    stay. Run daily by ``flask privacy purge``."""
    moment = now or utcnow()
    result = session.execute(
        delete(ResponseDraft).where(ResponseDraft.expires_at <= moment).execution_options(synchronize_session=False)
    )
    purged = int(getattr(result, "rowcount", 0) or 0)
    record(session, DRAFTS_PURGED, expired_before=moment.isoformat(), drafts=purged)
    session.flush()
    return purged
