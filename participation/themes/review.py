"""The analysts' review queue and double coding: reading the next text, and recording decisions.

Each write flushes and records an audit event; the caller commits. The first round (``double_code`` False) is
what the suggestions propose and analysts accept, reject or add. The second round is a second analyst's
independent coding of a sample: they are never shown the first round's themes, and their codings carry
``double_code`` True so that agreement can be measured (see ``agreement``).

The queue is ordered for active learning by default: the texts whose proposals the model is least sure about
come first, since an analyst's decision on those teaches it the most. A proposal's confidence ``c`` is the
calibrated probability that its theme is right; its uncertainty is the binary entropy ``H(c)`` in bits (1 at
``c = 0.5``, 0 at 0 and 1), and a text's is the largest among its proposals. The old order (by kind of text, then
id: the order texts came in) stays available for analysts who work through the queue chronologically.
"""

from __future__ import annotations

import enum
import math
from bisect import bisect_right
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

# How many bits a decision must teach to count as teaching "a lot" or "some"; below SOME_BITS it teaches "little".
A_LOT_BITS = 0.9
SOME_BITS = 0.5
# Entropies are compared rounded to this many decimals, so that H(c) and H(1 - c), equal but for the last bit of a
# float, tie (and fall back to the old order) rather than order by rounding noise.
_ENTROPY_DECIMALS = 9


class ReviewOrder(enum.StrEnum):
    """The order of the queue: least sure first (the default), or the order texts came in."""

    LEAST_SURE = "least-sure"
    OLDEST = "oldest"

    @classmethod
    def parse(cls, value: str | None) -> ReviewOrder:
        """The order a query parameter names; the default for a missing or unknown one."""
        try:
            return cls(value or cls.LEAST_SURE)
        except ValueError:
            return cls.LEAST_SURE


class TeachingLevel(enum.StrEnum):
    """How much deciding a proposal teaches the model, in words."""

    A_LOT = "a-lot"
    SOME = "some"
    LITTLE = "little"


@dataclass(frozen=True)
class Teaching:
    """How much a decision teaches the model: the entropy in bits, and its level."""

    bits: float

    @property
    def level(self) -> TeachingLevel:
        if self.bits >= A_LOT_BITS:
            return TeachingLevel.A_LOT
        if self.bits >= SOME_BITS:
            return TeachingLevel.SOME
        return TeachingLevel.LITTLE


def binary_entropy(confidence: float | None) -> float:
    """H(c) = -c log2 c - (1 - c) log2 (1 - c) in bits: 1 at c = 0.5, 0 at 0 and 1 and for no confidence (a
    manual coding); a value outside 0..1 counts as certain."""
    if confidence is None or not 0 < confidence < 1:
        return 0.0
    return -confidence * math.log2(confidence) - (1 - confidence) * math.log2(1 - confidence)


@dataclass(frozen=True)
class ReviewItem:
    """One text in the queue with its first-round codings, proposals first and most confident first, and what it
    is: the question it answers and its tone (praise, complaint or neutral), which its codings are counted under."""

    subject: SubjectText
    codings: list[ThemeCoding]
    waiting: int  # texts with proposals in the queue, this one included
    context: SubjectContext

    def teaches(self, coding: ThemeCoding) -> Teaching | None:
        """What deciding one of its codings teaches the model; None for a coding decided already."""
        if coding.status is not CodingStatus.PROPOSED:
            return None
        return Teaching(binary_entropy(coding.confidence))

    @property
    def proposals(self) -> list[ThemeCoding]:
        """Its codings that wait for a decision."""
        return [coding for coding in self.codings if coding.status is CodingStatus.PROPOSED]

    @property
    def teaches_in_total(self) -> Teaching:
        """What deciding all its proposals teaches the model: the sum of their entropies."""
        return Teaching(sum(binary_entropy(coding.confidence) for coding in self.proposals))


def _sort_key(subject: Subject) -> tuple[str, int]:
    return (subject[0].value, subject[1])


def _queue_key(order: ReviewOrder, subject: Subject, uncertainty: float) -> tuple[float, str, int]:
    # Least sure first, ties in the old order; or the old order alone.
    first = -round(uncertainty, _ENTROPY_DECIMALS) if order is ReviewOrder.LEAST_SURE else 0.0
    return (first, *_sort_key(subject))


def _pending(session: DbSession) -> dict[Subject, float]:
    """The texts with proposals waiting, each with its uncertainty: the largest entropy of its proposals. One query
    for the whole queue; the entropies are computed here, since SQLite has no logarithm."""
    rows = session.execute(
        select(ThemeCoding.subject_type, ThemeCoding.subject_id, ThemeCoding.confidence).where(
            ThemeCoding.status == CodingStatus.PROPOSED, ThemeCoding.double_code.is_(False)
        )
    )
    uncertainty: dict[Subject, float] = {}
    for kind, number, confidence in rows:
        subject = (SubjectType(kind), int(number))
        uncertainty[subject] = max(uncertainty.get(subject, 0.0), binary_entropy(confidence))
    return uncertainty


def _uncertainty_when_proposed(session: DbSession, subject: Subject) -> float:
    """The uncertainty a text had before its proposals were decided: the largest entropy of its first-round codings
    of any status (an analyst's own codings have no confidence and count as 0)."""
    confidences = session.scalars(
        select(ThemeCoding.confidence).where(
            ThemeCoding.subject_type == subject[0],
            ThemeCoding.subject_id == subject[1],
            ThemeCoding.double_code.is_(False),
        )
    )
    return max((binary_entropy(confidence) for confidence in confidences), default=0.0)


def review_queue(session: DbSession, order: ReviewOrder = ReviewOrder.LEAST_SURE) -> list[tuple[Subject, float]]:
    """The texts waiting for review in ``order``, each with its uncertainty in bits."""
    pending = _pending(session)
    return sorted(pending.items(), key=lambda entry: _queue_key(order, *entry))


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


def next_for_review(
    session: DbSession, after: Subject | None = None, order: ReviewOrder = ReviewOrder.LEAST_SURE
) -> ReviewItem | None:
    """The next text with proposed themes in ``order`` after ``after`` (to skip one, or to go on after deciding
    one), wrapping round; None when none wait. A text just decided has left the queue; its place is where its
    proposals put it before they were decided, so the texts skipped before it do not come back at once."""
    queue = review_queue(session, order)
    start = 0
    if after is not None:
        uncertainty = dict(queue)
        if after in uncertainty:
            bits = uncertainty[after]
        elif order is ReviewOrder.LEAST_SURE:
            bits = _uncertainty_when_proposed(session, after)
        else:
            bits = 0.0
        position = _queue_key(order, after, bits)
        start = bisect_right([_queue_key(order, *entry) for entry in queue], position)
    for subject, _bits in queue[start:] + queue[:start]:
        text = subject_text(session, *subject)
        if text is not None:
            return ReviewItem(text, first_round(session, subject), len(queue), subject_context(session, *subject))
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
