"""Erasing a response at the resident's request (with the receipt code): nothing of what it said may stay.

What goes: the response, its answers and its location; the theme codings of its answers (a suggestion keeps the
words it matched); the quotes of its answers used as programme evidence, whose evidence stays marked as removed at
the resident's request; the contact made from it when the resident offered to take part, with its consents. The
dashboard's tallies lose its share. Report PDFs prepared in the background may quote it: they are dropped (the
page offers to prepare them again). Its draft was deleted when it was submitted. The
audit log keeps that a response was erased, and how much went with it, never what it said.
"""

from __future__ import annotations

from sqlalchemy import delete

from participation.audit import record
from participation.fieldwork.volunteers import erase_volunteer_of
from participation.indicators.tallies import WEIGHTING_QUESTION, count_response
from participation.models import PreparedReport, SurveyResponse
from participation.models.base import DbSession
from participation.models.themes import SubjectType
from participation.programme.operations import erase_evidence_of
from participation.responses.publishing import definition_of
from participation.themes.operations import delete_codings_of


def erase_response(session: DbSession, response: SurveyResponse) -> None:
    """Delete a response and everything made from it, as above; flush, do not commit."""
    location = response.location
    answers = {answer.question_id: answer for answer in response.answers}
    version = response.survey_version
    count_response(
        session,
        version_id=response.survey_version_id,
        location=location,
        submitted_at=response.submitted_at,
        scores=[(question_id, answer.score) for question_id, answer in answers.items()],
        indicator_questions=definition_of(version).indicator_question_ids,
        age_answer=answers[WEIGHTING_QUESTION].value if WEIGHTING_QUESTION in answers else None,
        sign=-1,
    )
    answer_ids = [answer.id for answer in answers.values()]
    codings = delete_codings_of(session, SubjectType.ANSWER, answer_ids)
    evidence = erase_evidence_of(session, SubjectType.ANSWER, answer_ids)
    contacts = erase_volunteer_of(session, response.id)
    record(
        session,
        "survey_response.erased",
        subject=response,
        survey=version.survey.slug,
        version=version.number,
        channel=str(response.channel),
        answers=len(answer_ids),
        codings=codings,
        evidence=evidence,
        contacts=contacts,
    )
    session.execute(delete(PreparedReport))
    session.delete(response)
    if location is not None:
        session.delete(location)
    session.flush()
