"""Suggestions written as proposed codings for the texts that have none yet: for one new text as it arrives (a
background task) or for every uncoded text at once (``flask themes suggest`` and the periodic catch-up run).

A text with a coding of any kind (proposed, accepted or rejected) is left alone, so a second run adds nothing.
Building the model reads every decided coding's text; a consumer process keeps the last model and builds it again
only when the codebook or the decisions changed (``model_state``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from participation.models.base import DbSession
from participation.models.surveys import Answer, SurveyResponse
from participation.models.themes import CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes.subjects import (
    SHIPPED_LANGUAGES,
    SubjectText,
    all_texts,
    coded_subjects,
    open_question_ids,
    subject_text,
)
from participation.themes.suggestions import SuggestionModel, build_model, propose_codings

ModelState = tuple[object, ...]


@dataclass(frozen=True)
class ProposalCount:
    texts: int  # uncoded texts looked at
    proposals: int  # proposed codings written


def model_state(session: DbSession) -> ModelState:
    """A cheap fingerprint of what the model is built from: the codebook (how many themes, the sum of their ids and
    of their revisions, which every update of a theme raises, and the newest theme's time, since SQLite may give a
    new theme the id of one just deleted) and the decided codings (per status, their number and
    the sum of their ids: a decision taken or changed moves it). Two aggregates: no theme's keywords are read."""
    codebook = session.execute(
        select(
            func.count(Theme.id),
            func.coalesce(func.sum(Theme.id), 0),
            func.coalesce(func.sum(Theme.revision), 0),
            func.max(Theme.created_at),
        )
    ).one()
    decided = session.execute(
        select(ThemeCoding.status, func.count(), func.coalesce(func.sum(ThemeCoding.id), 0))
        .where(
            ThemeCoding.status.in_((CodingStatus.ACCEPTED, CodingStatus.REJECTED)),
            ThemeCoding.double_code.is_(False),
        )
        .group_by(ThemeCoding.status)
        .order_by(ThemeCoding.status)
    ).all()
    return (
        (int(codebook[0]), int(codebook[1]), int(codebook[2]), str(codebook[3])),
        tuple((str(row[0]), int(row[1]), int(row[2])) for row in decided),
    )


class ModelCache:
    """The last model built in this process, with the state it was built from."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: ModelState | None = None
        self._model: SuggestionModel | None = None

    def model(self, session: DbSession) -> SuggestionModel:
        state = model_state(session)
        with self._lock:
            if self._model is None or state != self._state:
                self._model, self._state = build_model(session), state
            return self._model

    def clear(self) -> None:
        with self._lock:
            self._model = self._state = None


models = ModelCache()


def _uncoded(session: DbSession, subjects: Iterable[SubjectText]) -> list[SubjectText]:
    candidates = list(subjects)
    if not candidates:
        return []
    rows = session.execute(
        select(ThemeCoding.subject_type, ThemeCoding.subject_id).where(
            ThemeCoding.subject_type.in_({subject.subject_type for subject in candidates}),
            ThemeCoding.subject_id.in_({subject.subject_id for subject in candidates}),
        )
    )
    coded = {(SubjectType(kind), int(number)) for kind, number in rows}
    return [subject for subject in candidates if (subject.subject_type, subject.subject_id) not in coded]


def propose_for(session: DbSession, model: SuggestionModel, subjects: Iterable[SubjectText]) -> ProposalCount:
    """Write the suggestions of each uncoded text among ``subjects``; flushes, the caller commits."""
    texts = proposals = 0
    for subject in _uncoded(session, subjects):
        created = propose_codings(
            session, model, subject.subject_type, subject.subject_id, subject.text, subject.language
        )
        texts += 1
        proposals += len(created)
    return ProposalCount(texts, proposals)


def open_answers_of(session: DbSession, response_id: int) -> list[SubjectText]:
    """The non-empty answers of one response to its open (text) questions."""
    response = session.get(SurveyResponse, response_id)
    if response is None:
        return []
    question_ids = open_question_ids(response.survey_version)
    if not question_ids:
        return []
    answers = session.scalars(
        select(Answer)
        .where(Answer.response_id == response_id, Answer.question_id.in_(question_ids))
        .order_by(Answer.id)
    )
    texts = []
    for answer in answers:
        text = answer.value.strip() if isinstance(answer.value, str) else ""
        if text:
            texts.append(SubjectText(SubjectType.ANSWER, answer.id, text, response.language))
    return texts


def propose_for_response(session: DbSession, response_id: int, model: SuggestionModel | None = None) -> ProposalCount:
    """Suggestions for the open answers of a response that just arrived."""
    subjects = open_answers_of(session, response_id)
    if not subjects:
        return ProposalCount(0, 0)
    return propose_for(session, model or models.model(session), subjects)


def propose_for_subject(
    session: DbSession,
    subject_type: SubjectType,
    subject_id: int,
    languages: tuple[str, ...] = SHIPPED_LANGUAGES,
    model: SuggestionModel | None = None,
) -> ProposalCount:
    """Suggestions for one conversation or activity note (or answer) that arrived or changed."""
    subject = subject_text(session, subject_type, subject_id, languages)
    if subject is None:
        return ProposalCount(0, 0)
    return propose_for(session, model or models.model(session), [subject])


def propose_uncoded(
    session: DbSession, languages: tuple[str, ...] = SHIPPED_LANGUAGES, model: SuggestionModel | None = None
) -> ProposalCount:
    """Suggestions for every text without any coding."""
    model = model or models.model(session)
    coded = coded_subjects(session)
    texts = proposals = 0
    for subject in all_texts(session, languages):
        if (subject.subject_type, subject.subject_id) in coded:
            continue
        created = propose_codings(
            session, model, subject.subject_type, subject.subject_id, subject.text, subject.language
        )
        texts += 1
        proposals += len(created)
    return ProposalCount(texts, proposals)
