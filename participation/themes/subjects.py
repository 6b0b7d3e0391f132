"""The texts that get themes: open survey answers, conversation notes (with their quotes) and activity notes.

A coding points at its text by (subject type, subject id); this module finds the text and its language again,
and lists the texts that have no coding yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from participation.models.base import DbSession
from participation.models.fieldwork import Activity, Conversation
from participation.models.surveys import Answer, SurveyResponse, SurveyVersion
from participation.models.themes import SubjectType, ThemeCoding
from participation.responses.publishing import definition_of
from participation.surveys.model import TEXT_TYPES
from participation.themes.lemmas import detect_language

SHIPPED_LANGUAGES = ("nl", "en", "tr", "ar", "pl", "bg")
# Professionals log in Dutch as a rule; a note in another language is recognised by its words.
NOTES_LANGUAGE = "nl"


@dataclass(frozen=True)
class SubjectText:
    """A text that can be coded, with the language to read it in."""

    subject_type: SubjectType
    subject_id: int
    text: str
    language: str


def open_question_ids(version: SurveyVersion) -> frozenset[str]:
    """The ids of a survey version's short and long text questions."""
    return frozenset(question.id for question in definition_of(version).questions() if question.type in TEXT_TYPES)


def _open_question_ids(session: DbSession) -> dict[int, frozenset[str]]:
    # Per survey version, the ids of its short and long text questions.
    return {version.id: open_question_ids(version) for version in session.scalars(select(SurveyVersion))}


def _answer_text(answer: Answer) -> str:
    return answer.value.strip() if isinstance(answer.value, str) else ""


def _conversation_text(conversation: Conversation) -> str:
    return "\n".join(part.strip() for part in [conversation.notes, *conversation.quotes] if part and part.strip())


def _notes(text: str, languages: tuple[str, ...]) -> str:
    return detect_language(text, languages, NOTES_LANGUAGE)


def open_answers(session: DbSession) -> Iterator[SubjectText]:
    """Every non-empty answer to an open (short or long text) question, in the response's language."""
    for version_id, question_ids in _open_question_ids(session).items():
        if not question_ids:
            continue
        rows = session.execute(
            select(Answer, SurveyResponse.language)
            .join(SurveyResponse, Answer.response_id == SurveyResponse.id)
            .where(SurveyResponse.survey_version_id == version_id, Answer.question_id.in_(question_ids))
            .order_by(Answer.id)
        )
        for answer, language in rows:
            text = _answer_text(answer)
            if text:
                yield SubjectText(SubjectType.ANSWER, answer.id, text, language)


def field_notes(session: DbSession, languages: tuple[str, ...] = SHIPPED_LANGUAGES) -> Iterator[SubjectText]:
    """Every conversation (notes and quotes) and activity with notes."""
    for conversation in session.scalars(select(Conversation).order_by(Conversation.id)):
        text = _conversation_text(conversation)
        if text:
            yield SubjectText(SubjectType.CONVERSATION, conversation.id, text, _notes(text, languages))
    for activity in session.scalars(select(Activity).order_by(Activity.id)):
        if activity.notes.strip():
            text = activity.notes.strip()
            yield SubjectText(SubjectType.ACTIVITY, activity.id, text, _notes(text, languages))


def all_texts(session: DbSession, languages: tuple[str, ...] = SHIPPED_LANGUAGES) -> Iterator[SubjectText]:
    """Every codable text: open answers first, then field notes."""
    yield from open_answers(session)
    yield from field_notes(session, languages)


def coded_subjects(session: DbSession) -> set[tuple[SubjectType, int]]:
    """The texts with at least one coding of any kind (so the suggestion run leaves them alone)."""
    rows = session.execute(select(ThemeCoding.subject_type, ThemeCoding.subject_id).distinct())
    return {(SubjectType(subject_type), int(subject_id)) for subject_type, subject_id in rows}


def subject_text(
    session: DbSession, subject_type: SubjectType, subject_id: int, languages: tuple[str, ...] = SHIPPED_LANGUAGES
) -> SubjectText | None:
    """One text by its subject, or None when it is gone or empty."""
    if subject_type is SubjectType.ANSWER:
        answer = session.get(Answer, subject_id)
        if answer is None or not _answer_text(answer):
            return None
        return SubjectText(subject_type, subject_id, _answer_text(answer), answer.response.language)
    if subject_type is SubjectType.CONVERSATION:
        conversation = session.get(Conversation, subject_id)
        text = _conversation_text(conversation) if conversation is not None else ""
    else:
        activity = session.get(Activity, subject_id)
        text = activity.notes.strip() if activity is not None else ""
    return SubjectText(subject_type, subject_id, text, _notes(text, languages)) if text else None
