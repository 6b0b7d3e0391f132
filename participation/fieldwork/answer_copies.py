"""The copy of a volunteer's contact details in their survey answer lasts no longer than the register keeps them.

A resident who offers to take part types their name, e-mail and phone into the survey's contact question; the
register keeps them as a contact (``fieldwork.volunteers``), and the answer would keep them too. When the contact is
purged or its consent is withdrawn, the answer keeps only the consent (``{"consent": true}``), so what the resident
said (they wanted to be involved) still counts and the receipt still shows what is stored. ``flask privacy purge``
also blanks every answer older than the register's retention, with or without a contact (responses from before
volunteers became contacts, or whose contact was never made).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from participation.models import Answer, SurveyResponse, SurveyVersion
from participation.models.base import DbSession
from participation.responses.publishing import definition_of
from participation.surveys.model import QuestionType

# What identifies the resident in a contact question's answer; the consent itself stays.
CONTACT_DETAILS = ("name", "email", "phone")


def without_details(value: Any) -> Any:
    """A contact question's answer with only its consent left; any other value as it is (the same object)."""
    if not isinstance(value, Mapping) or not isinstance(value.get("consent"), bool):
        return value
    return {"consent": value["consent"]} if any(key in value for key in CONTACT_DETAILS) else value


def _blank(answers: Collection[Answer]) -> int:
    blanked = 0
    for answer in answers:
        kept = without_details(answer.value)
        if kept is not answer.value:
            answer.value = kept
            blanked += 1
    return blanked


def blank_contact_answers(session: DbSession, response_ids: Collection[int]) -> int:
    """Remove the name, e-mail and phone from the contact answers of these responses, keeping the consent; returns
    how many answers changed. Flushes only."""
    if not response_ids:
        return 0
    blanked = _blank(list(session.scalars(select(Answer).where(Answer.response_id.in_(list(response_ids))))))
    session.flush()
    return blanked


def blank_expired_contact_answers(session: DbSession, today: date, retention_days: int) -> int:
    """Blank the contact details in the answers of every response submitted before the day ``retention_days``
    before ``today`` (the register has purged a contact made that day by now), whether a contact was made or not;
    returns how many answers changed. Flushes only."""
    cutoff = datetime.combine(today - timedelta(days=retention_days), time.min, tzinfo=UTC)
    blanked = 0
    for version in session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)):
        questions = [q.id for q in definition_of(version).questions() if q.type is QuestionType.CONTACT_CONSENT]
        if not questions:
            continue
        found = session.scalars(
            select(Answer)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .where(
                SurveyResponse.survey_version_id == version.id,
                SurveyResponse.submitted_at < cutoff,
                Answer.question_id.in_(questions),
            )
        )
        blanked += _blank(list(found))
    session.flush()
    return blanked
