"""The tone of a coded text: praise, complaint (or improvement) or neutral, and the question it answers.

The tone belongs to the text, not to a theme: every coding of one text has the tone of that text. It is derived
where it is needed rather than stored on each coding:

- an open answer has the ``tone`` of its question in the definition of the response's survey version (versions
  never change once published, so an edit of the survey cannot change the tone of an answer given before);
- a conversation has the tone of the mood the professional logged (positive: praise, negative: complaint), which
  follows an edit of the conversation;
- an activity note is neutral.

So no coding can miss its tone, whichever code path wrote it, and no migration has to keep copies in step.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from participation.models.base import DbSession
from participation.models.fieldwork import Conversation, Mood
from participation.models.surveys import Answer, SurveyVersion
from participation.models.themes import SubjectType
from participation.responses.publishing import definition_of
from participation.surveys.model import TEXT_TYPES, Texts, Tone

MOOD_TONES = {Mood.POSITIVE: Tone.PRAISE, Mood.NEGATIVE: Tone.COMPLAINT, Mood.NEUTRAL: Tone.NEUTRAL}
# The order tone columns and choices are shown in.
TONES = (Tone.PRAISE, Tone.COMPLAINT, Tone.NEUTRAL)


def mood_tone(mood: Mood | None) -> Tone:
    return MOOD_TONES.get(mood, Tone.NEUTRAL) if mood is not None else Tone.NEUTRAL


@dataclass(frozen=True)
class SubjectContext:
    """What a coded text is: the question it answers (None for field notes) and its tone."""

    question: Texts | None
    default_language: str
    tone: Tone

    def question_text(self, language: str) -> str:
        """The question in ``language``, else in the survey's default language; "" for field notes."""
        return self.question.get(language, self.default_language) if self.question is not None else ""


def subject_context(session: DbSession, subject_type: SubjectType, subject_id: int) -> SubjectContext:
    """The question and tone of one text (neutral without a question when the text is gone)."""
    if subject_type is SubjectType.ANSWER:
        answer = session.get(Answer, subject_id)
        if answer is not None:
            definition = definition_of(answer.response.survey_version)
            try:
                question = definition.question(answer.question_id)
            except KeyError:
                return SubjectContext(None, definition.default_language, Tone.NEUTRAL)
            return SubjectContext(question.text, definition.default_language, question.tone)
    elif subject_type is SubjectType.CONVERSATION:
        conversation = session.get(Conversation, subject_id)
        if conversation is not None:
            return SubjectContext(None, "nl", mood_tone(conversation.mood))
    return SubjectContext(None, "nl", Tone.NEUTRAL)


def question_tones(session: DbSession) -> dict[tuple[str, Tone], list[int]]:
    """(question id, tone) -> the survey versions in which that open question has that tone, for every tone other
    than neutral: what the aggregation turns into one CASE expression."""
    found: dict[tuple[str, Tone], list[int]] = defaultdict(list)
    for version in session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)):
        for question in definition_of(version).questions():
            if question.type in TEXT_TYPES and question.tone is not Tone.NEUTRAL:
                found[(question.id, question.tone)].append(version.id)
    return dict(found)
