"""The review queue in active-learning order: the entropy of a proposal, its level, the queue least sure first
(ties in the old order) or oldest first, what skipping and deciding lead to, and the waiting count."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from participation.models import Role, StaffUser
from participation.models.base import DbSession
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes.review import (
    ReviewOrder,
    Teaching,
    TeachingLevel,
    binary_entropy,
    decide,
    next_for_review,
    review_item,
    review_queue,
)
from tests.factories import Seeder, StaffAccount

Propose = Callable[..., int]


@pytest.fixture
def analyst_id(make_staff: Callable[..., StaffAccount]) -> int:
    # Made (and committed in its own session) before the test's session starts writing.
    return make_staff(Role.ANALYST).id


@pytest.fixture
def seeder(session: DbSession) -> Seeder:
    return Seeder(session)


@pytest.fixture
def themes(make_theme: Callable[..., Theme]) -> list[Theme]:
    return [make_theme("litter"), make_theme("noise", keywords={"nl": ("lawaai",), "en": ("noise",)})]


@pytest.fixture
def propose(seeder: Seeder, themes: list[Theme], make_coding: Callable[..., ThemeCoding]) -> Propose:
    """A conversation (a text the queue can show) with one proposal per confidence given, on the themes in turn."""

    def make(*confidences: float | None) -> int:
        conversation = seeder.conversation([])
        for theme, confidence in zip(themes, confidences, strict=False):
            make_coding(
                theme,
                conversation.id,
                subject_type=SubjectType.CONVERSATION,
                status=CodingStatus.PROPOSED,
                origin=CodingOrigin.SUGGESTION,
                confidence=confidence,
            )
        return conversation.id

    return make


def ids(queue: list[tuple[tuple[SubjectType, int], float]]) -> list[int]:
    return [subject[1] for subject, _bits in queue]


def test_binary_entropy_is_one_bit_at_a_coin_flip_and_zero_when_sure_or_unknown() -> None:
    assert binary_entropy(0.5) == pytest.approx(1.0)
    # H(0.9) = -0.9 log2 0.9 - 0.1 log2 0.1 = 0.9 * 0.152 + 0.1 * 3.322 = 0.469
    assert binary_entropy(0.9) == pytest.approx(0.4690, abs=1e-4)
    assert binary_entropy(0.1) == pytest.approx(binary_entropy(0.9))
    # H(0.25) = 0.25 * 2 + 0.75 * log2(4/3) = 0.811
    assert binary_entropy(0.25) == pytest.approx(0.5 + 0.75 * math.log2(4 / 3))
    assert binary_entropy(0.0) == binary_entropy(1.0) == binary_entropy(None) == 0.0
    assert binary_entropy(1.5) == binary_entropy(-0.2) == 0.0


@pytest.mark.parametrize(
    ("bits", "level"),
    [
        (1.0, TeachingLevel.A_LOT),
        (0.9, TeachingLevel.A_LOT),
        (0.89, TeachingLevel.SOME),
        (0.5, TeachingLevel.SOME),
        (0.49, TeachingLevel.LITTLE),
        (0.0, TeachingLevel.LITTLE),
    ],
)
def test_teaching_levels(bits: float, level: TeachingLevel) -> None:
    assert Teaching(bits).level is level


def test_the_queue_puts_the_least_sure_text_first_and_breaks_ties_in_the_old_order(
    session: DbSession, propose: Propose
) -> None:
    sure = propose(0.97)  # 0.19 bits
    coin = propose(0.95, 0.5)  # its least sure proposal counts: 1 bit
    doubtful = propose(0.3)  # 0.88 bits
    mirrored = propose(0.7)  # the same 0.88 bits: a tie, so after ``doubtful`` (lower id)
    manual = propose(None)  # no confidence: 0 bits
    likely = propose(0.8, 0.1)  # 0.72 bits
    assert ids(review_queue(session)) == [coin, doubtful, mirrored, likely, sure, manual]
    assert ids(review_queue(session, ReviewOrder.OLDEST)) == [sure, coin, doubtful, mirrored, manual, likely]
    uncertainty = dict(review_queue(session))
    assert uncertainty[(SubjectType.CONVERSATION, coin)] == pytest.approx(1.0)
    assert uncertainty[(SubjectType.CONVERSATION, manual)] == 0.0

    first = next_for_review(session)
    assert first is not None and first.subject.subject_id == coin and first.waiting == 6
    oldest = next_for_review(session, order=ReviewOrder.OLDEST)
    assert oldest is not None and oldest.subject.subject_id == sure


def test_skipping_follows_the_order_and_wraps_round(session: DbSession, propose: Propose) -> None:
    low, high, middle = propose(0.99), propose(0.5), propose(0.8)
    visited = []
    after = None
    for _step in range(4):
        item = next_for_review(session, after=after)
        assert item is not None
        visited.append(item.subject.subject_id)
        after = (SubjectType.CONVERSATION, item.subject.subject_id)
    assert visited == [high, middle, low, high]
    skipped = next_for_review(session, after=(SubjectType.CONVERSATION, low), order=ReviewOrder.OLDEST)
    assert skipped is not None and skipped.subject.subject_id == high


def test_a_decision_moves_on_to_the_next_least_sure_text(analyst_id: int, session: DbSession, propose: Propose) -> None:
    analyst = session.get(StaffUser, analyst_id)
    assert analyst is not None
    skipped, decided, next_one, last = propose(0.5), propose(0.6), propose(0.75), propose(0.9)
    item = review_item(session, (SubjectType.CONVERSATION, decided))
    assert item is not None and item.waiting == 4
    decide(session, analyst, (SubjectType.CONVERSATION, decided), [c.id for c in item.proposals], accept=True)
    # The decided text left the queue; the next is the one after its place, not the skipped one before it.
    following = next_for_review(session, after=(SubjectType.CONVERSATION, decided))
    assert following is not None and following.subject.subject_id == next_one and following.waiting == 3
    assert ids(review_queue(session)) == [skipped, next_one, last]


def test_an_item_says_what_each_proposal_and_all_of_them_teach(session: DbSession, propose: Propose) -> None:
    subject = (SubjectType.CONVERSATION, propose(0.5, 0.9))
    item = review_item(session, subject)
    assert item is not None
    by_confidence = {coding.confidence: item.teaches(coding) for coding in item.codings}
    assert by_confidence[0.5] == Teaching(pytest.approx(1.0))
    assert by_confidence[0.5] is not None and by_confidence[0.5].level is TeachingLevel.A_LOT
    assert by_confidence[0.9] is not None and by_confidence[0.9].level is TeachingLevel.LITTLE
    assert item.teaches_in_total.bits == pytest.approx(1.0 + binary_entropy(0.9))
    assert item.teaches_in_total.level is TeachingLevel.A_LOT
    item.codings[0].status = CodingStatus.ACCEPTED  # a decided coding teaches nothing more
    assert item.teaches(item.codings[0]) is None
    assert item.teaches_in_total.bits == pytest.approx(binary_entropy(item.codings[1].confidence))
