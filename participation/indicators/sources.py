"""Which survey questions feed which indicator, across every published version of every survey."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from participation.models import SurveyVersion
from participation.models.base import DbSession
from participation.responses.publishing import VersionRef, definition_by_ref


@dataclass(frozen=True)
class IndicatorSources:
    """(survey version id, question id) -> indicator key, and the question ids to ask SQL for."""

    by_question: dict[tuple[int, str], str]

    @property
    def question_ids(self) -> set[str]:
        return {question_id for _version, question_id in self.by_question}

    @property
    def indicators(self) -> list[str]:
        return sorted(set(self.by_question.values()))


def indicator_sources(session: DbSession) -> IndicatorSources:
    by_question: dict[tuple[int, str], str] = {}
    for ref in session.execute(select(SurveyVersion.id, SurveyVersion.number, SurveyVersion.fingerprint)).all():
        definition = definition_by_ref(session, VersionRef(*ref))
        for question in definition.indicator_questions():
            if question.indicator:
                by_question[(ref[0], question.id)] = question.indicator
    return IndicatorSources(by_question)


def indicator_labels(session: DbSession, language: str) -> dict[str, str]:
    """Indicator key -> the question that feeds it, in ``language``, taken from the newest version asking it."""
    labels: dict[str, str] = {}
    for ref in session.execute(
        select(SurveyVersion.id, SurveyVersion.number, SurveyVersion.fingerprint).order_by(SurveyVersion.id)
    ).all():
        for question in definition_by_ref(session, VersionRef(*ref)).indicator_questions():
            if question.indicator:
                labels[question.indicator] = question.text.get(language)
    return labels
