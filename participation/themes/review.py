"""The analysts' review queue and double coding: reading the next text, and recording decisions.

Each write flushes and records an audit event; the caller commits. The first round (``double_code`` False) is
what the suggestions propose and analysts accept, reject or add. The second round is a second analyst's
independent coding of a sample: they are never shown the first round's themes, and their codings carry
``double_code`` True so that agreement can be measured (see ``agreement``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, select

from participation.audit import record
from participation.models import StaffUser
from participation.models.base import DbSession
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes.subjects import SubjectText, subject_text
from participation.themes.tones import SubjectContext, subject_context

Subject = tuple[SubjectType, int]


@dataclass(frozen=True)
class ReviewItem:
    """One text in the queue with its first-round codings, most confident first, and what it is: the question it
    answers and its tone (praise, complaint or neutral), which its codings are counted under."""

    subject: SubjectText
    codings: list[ThemeCoding]
    waiting: int  # texts with proposals in the queue, this one included
    context: SubjectContext


def _sort_key(subject: Subject) -> tuple[str, int]:
    return (subject[0].value, subject[1])


def _pending(session: DbSession) -> list[Subject]:
    rows = session.execute(
        select(ThemeCoding.subject_type, ThemeCoding.subject_id)
        .where(ThemeCoding.status == CodingStatus.PROPOSED, ThemeCoding.double_code.is_(False))
        .distinct()
    )
    return sorted(((SubjectType(kind), int(number)) for kind, number in rows), key=_sort_key)


def first_round(session: DbSession, subject: Subject) -> list[ThemeCoding]:
    """The first-round codings of a text, proposals first and most confident first."""
    codings = session.scalars(
        select(ThemeCoding).where(
            ThemeCoding.subject_type == subject[0],
            ThemeCoding.subject_id == subject[1],
            ThemeCoding.double_code.is_(False),
        )
    ).all()
    return sorted(codings, key=lambda coding: (coding.status is not CodingStatus.PROPOSED, -(coding.confidence or 0)))


def next_for_review(session: DbSession, after: Subject | None = None) -> ReviewItem | None:
    """The next text with proposed themes after ``after`` (to skip one), wrapping round; None when none wait."""
    pending = _pending(session)
    later = [subject for subject in pending if after is None or _sort_key(subject) > _sort_key(after)]
    for subject in later + [subject for subject in pending if subject not in later]:
        text = subject_text(session, *subject)
        if text is not None:
            return ReviewItem(text, first_round(session, subject), len(pending), subject_context(session, *subject))
    return None


def review_item(session: DbSession, subject: Subject) -> ReviewItem | None:
    """One text with its first-round codings, or None when the text is gone."""
    text = subject_text(session, *subject)
    if text is None:
        return None
    return ReviewItem(text, first_round(session, subject), len(_pending(session)), subject_context(session, *subject))


def decide(
    session: DbSession, analyst: StaffUser, subject: Subject, coding_ids: Collection[int], accept: bool
) -> list[ThemeCoding]:
    """Accept or reject some of a text's first-round codings (those in ``coding_ids``); returns the changed ones."""
    status = CodingStatus.ACCEPTED if accept else CodingStatus.REJECTED
    changed = [
        coding for coding in first_round(session, subject) if coding.id in coding_ids and coding.status is not status
    ]
    for coding in changed:
        coding.status = status
        coding.coded_by_id = analyst.id
        record(
            session,
            "theme_coding.accepted" if accept else "theme_coding.rejected",
            actor=analyst,
            subject=coding,
            theme=coding.theme.code,
            text=f"{subject[0].value}:{subject[1]}",
            origin=coding.origin.value,
            confidence=coding.confidence,
        )
    session.flush()
    return changed


def add_theme(session: DbSession, analyst: StaffUser, subject: Subject, theme: Theme) -> ThemeCoding:
    """Code a text with a theme the suggestions missed (or accept it, when it was proposed or rejected before)."""
    existing = next((coding for coding in first_round(session, subject) if coding.theme_id == theme.id), None)
    if existing is not None:
        decide(session, analyst, subject, [existing.id], accept=True)
        return existing
    coding = ThemeCoding(
        theme_id=theme.id,
        subject_type=subject[0],
        subject_id=subject[1],
        origin=CodingOrigin.ANALYST,
        status=CodingStatus.ACCEPTED,
        double_code=False,
        coded_by_id=analyst.id,
        details={},
    )
    session.add(coding)
    session.flush()
    record(
        session,
        "theme_coding.added",
        actor=analyst,
        subject=coding,
        theme=theme.code,
        text=f"{subject[0].value}:{subject[1]}",
    )
    return coding


def next_for_double_coding(session: DbSession, analyst: StaffUser) -> SubjectText | None:
    """The next text for the second round: decided in the first round by someone else, not yet double-coded."""
    decided = session.execute(
        select(ThemeCoding.subject_type, ThemeCoding.subject_id)
        .where(
            ThemeCoding.double_code.is_(False),
            ThemeCoding.status == CodingStatus.ACCEPTED,
            ThemeCoding.coded_by_id.is_not(None),
        )
        .distinct()
    ).all()
    mine = {
        (SubjectType(kind), int(number))
        for kind, number in session.execute(
            select(ThemeCoding.subject_type, ThemeCoding.subject_id).where(
                ThemeCoding.double_code.is_(False), ThemeCoding.coded_by_id == analyst.id
            )
        )
    }
    double = {
        (SubjectType(kind), int(number))
        for kind, number in session.execute(
            select(ThemeCoding.subject_type, ThemeCoding.subject_id).where(ThemeCoding.double_code.is_(True))
        )
    }
    candidates = sorted(((SubjectType(kind), int(number)) for kind, number in decided), key=_sort_key)
    for subject in candidates:
        if subject in mine or subject in double:
            continue
        text = subject_text(session, *subject)
        if text is not None:
            return text
    return None


def record_double_coding(
    session: DbSession, analyst: StaffUser, subject: Subject, themes: Collection[Theme]
) -> list[ThemeCoding]:
    """Store a second analyst's independent coding of one text: the chosen themes as accepted double codes, and
    the first round's accepted themes they left out as rejected ones (so the text is in the sample even when
    they chose none). Refused (ValueError) for the first-round coder and for a text already double-coded."""
    first = [coding for coding in first_round(session, subject) if coding.status is CodingStatus.ACCEPTED]
    if any(coding.coded_by_id == analyst.id for coding in first):
        raise ValueError("the first coder cannot double-code their own text")
    already = session.scalar(
        select(ThemeCoding.id).where(
            and_(
                ThemeCoding.subject_type == subject[0],
                ThemeCoding.subject_id == subject[1],
                ThemeCoding.double_code.is_(True),
            )
        )
    )
    if already is not None:
        raise ValueError("this text has been double-coded already")
    chosen = {theme.id for theme in themes}
    left_out = {coding.theme_id for coding in first} - chosen
    rows = [
        ThemeCoding(
            theme_id=theme_id,
            subject_type=subject[0],
            subject_id=subject[1],
            origin=CodingOrigin.ANALYST,
            status=CodingStatus.ACCEPTED if theme_id in chosen else CodingStatus.REJECTED,
            double_code=True,
            coded_by_id=analyst.id,
            details={},
        )
        for theme_id in sorted(chosen | left_out)
    ]
    # When both rounds found no theme there is no row to write; the decision is still kept in the audit log.
    session.add_all(rows)
    session.flush()
    record(
        session,
        "theme_coding.double_coded",
        actor=analyst,
        text=f"{subject[0].value}:{subject[1]}",
        themes=sorted(theme.code for theme in themes),
    )
    return rows
