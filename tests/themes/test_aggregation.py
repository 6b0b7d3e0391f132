"""Theme counts by area, source, line and period: distinct sources, reach beside them, one query per table."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from participation.models.base import DbSession
from participation.models.lines import ParticipationLine
from participation.models.themes import CodingStatus, SubjectType, Theme
from participation.themes.aggregation import (
    UNKNOWN,
    Dimension,
    ThemeCount,
    ThemeFilter,
    source_counts,
    theme_counts,
    theme_list,
    theme_table,
)
from tests.factories import BUURT_A, BUURT_B, BUURT_OTHER, WIJK, Seeder


@pytest.fixture
def seed(session: DbSession) -> Seeder:
    return Seeder(session)


@pytest.fixture
def litter(seed: Seeder) -> Theme:
    return seed.theme("litter")


@pytest.fixture
def youth(seed: Seeder) -> Theme:
    return seed.theme("youth_nuisance", pillar=5, goals=(10,))


def by_key(counts: list[ThemeCount], theme: Theme) -> dict[str, tuple[int, int]]:
    return {count.key: (count.sources, count.reach) for count in counts if count.theme_id == theme.id}


def test_a_response_counts_once_however_many_answers_carry_the_theme(
    session: DbSession, seed: Seeder, litter: Theme
) -> None:
    seed.response([litter], answers=3)
    seed.response([litter])
    assert by_key(theme_counts(session, Dimension.BUURT), litter) == {BUURT_A: (2, 2)}


def test_only_accepted_codings_count(session: DbSession, seed: Seeder, litter: Theme) -> None:
    seed.response([litter], status=CodingStatus.PROPOSED)
    seed.response([litter], status=CodingStatus.REJECTED)
    seed.response([litter])
    assert by_key(theme_counts(session, Dimension.BUURT), litter) == {BUURT_A: (1, 1)}


def test_counts_by_area_level(session: DbSession, seed: Seeder, litter: Theme) -> None:
    seed.response([litter], BUURT_A, street="Brouwersdijk", block="E1049N4258")
    seed.response([litter], BUURT_B, street="Brouwersdijk", block="E1049N4259")
    seed.response([litter], BUURT_OTHER, street="Vrieseweg")
    seed.response([litter], None)
    assert by_key(theme_counts(session, Dimension.WIJK), litter) == {
        WIJK: (2, 2),
        "WK050504": (1, 1),
        UNKNOWN: (1, 1),
    }
    assert by_key(theme_counts(session, Dimension.STREET), litter) == {
        "Brouwersdijk": (2, 2),
        "Vrieseweg": (1, 1),
        UNKNOWN: (1, 1),
    }
    blocks = by_key(theme_counts(session, Dimension.BLOCK, ThemeFilter(wijk_code=WIJK)), litter)
    assert blocks == {"E1049N4258": (1, 1), "E1049N4259": (1, 1)}


def test_counts_by_source_with_reach(session: DbSession, seed: Seeder, litter: Theme) -> None:
    seed.response([litter])
    seed.conversation([litter], participants=4)
    seed.conversation([litter], participants=2)
    seed.activity([litter], attendance=25)
    assert by_key(theme_counts(session, Dimension.SOURCE), litter) == {
        "answer": (1, 1),
        "conversation": (2, 6),
        "activity": (1, 25),
    }


def test_an_activity_at_a_place_counts_where_the_place_is(session: DbSession, seed: Seeder, litter: Theme) -> None:
    seed.activity([litter], BUURT_B, at_place=True)
    assert by_key(theme_counts(session, Dimension.BUURT), litter) == {BUURT_B: (1, 10)}


def test_counts_by_line_and_period(session: DbSession, seed: Seeder, litter: Theme) -> None:
    seed.response([litter], when=datetime(2023, 12, 31, 10, tzinfo=UTC))
    seed.conversation([litter], when=datetime(2024, 2, 1, 10, tzinfo=UTC), line=ParticipationLine.CONNECT)
    seed.activity([litter], held_on=date(2024, 4, 1))
    assert by_key(theme_counts(session, Dimension.LINE), litter) == {
        "explore": (1, 1),
        "connect": (1, 1),
        "involve": (1, 10),
    }
    assert set(by_key(theme_counts(session, Dimension.MONTH), litter)) == {"2023-12", "2024-02", "2024-04"}
    assert by_key(theme_counts(session, Dimension.QUARTER), litter) == {
        "2023-Q4": (1, 1),
        "2024-Q1": (1, 1),
        "2024-Q2": (1, 10),
    }
    assert set(by_key(theme_counts(session, Dimension.YEAR), litter)) == {"2023", "2024"}


def test_filters(session: DbSession, seed: Seeder, litter: Theme, youth: Theme) -> None:
    seed.response([litter, youth], when=datetime(2024, 1, 5, tzinfo=UTC))
    seed.conversation([youth], BUURT_OTHER, when=datetime(2024, 6, 5, tzinfo=UTC))
    seed.activity([litter], held_on=date(2024, 7, 1))

    def total(themes: ThemeFilter) -> int:
        return sum(count.sources for count in theme_counts(session, Dimension.YEAR, themes))

    assert total(ThemeFilter(wijk_code=WIJK)) == 3
    assert total(ThemeFilter(buurt_code=BUURT_OTHER)) == 1
    assert total(ThemeFilter(sources={SubjectType.CONVERSATION, SubjectType.ACTIVITY})) == 2
    assert total(ThemeFilter(lines={ParticipationLine.EXPLORE})) == 2
    assert total(ThemeFilter(since=date(2024, 6, 5), until=date(2024, 7, 1))) == 2
    assert total(ThemeFilter(theme_ids={youth.id})) == 2


def test_source_counts_are_distinct_across_themes(
    session: DbSession, seed: Seeder, litter: Theme, youth: Theme
) -> None:
    seed.response([litter, youth])
    seed.response([litter])
    assert source_counts(session, Dimension.BUURT) == {BUURT_A: 2}
    assert source_counts(session, None) == {UNKNOWN: 2}


def test_the_theme_table_is_one_query_per_part_and_suppressed(
    session: DbSession, seed: Seeder, litter: Theme, youth: Theme
) -> None:
    for _ in range(7):
        seed.response([litter], BUURT_A)
    for _ in range(4):
        seed.response([youth], BUURT_A)
    for _ in range(9):
        seed.response([litter, youth], BUURT_B)
    statements: list[str] = []

    def remember(*args: object) -> None:
        statements.append(str(args[2]))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", remember)
    try:
        table = theme_table(
            session,
            Dimension.BUURT,
            ThemeFilter(wijk_code=WIJK),
            threshold=5,
            suppress=True,
            theme_order=[litter.id, youth.id],
            columns=[BUURT_A, BUURT_B],
        )
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert len(statements) == 2
    assert table.cell(youth.id, BUURT_A).small
    assert table.row_totals[litter.id].shown == 16 and table.column_totals[BUURT_B].shown == 9
    assert table.grand_total is not None and table.grand_total.shown == 20
    assert all(cell.shown != 4 for cell in table.every_cell())
    unsuppressed = theme_table(session, Dimension.BUURT, ThemeFilter(wijk_code=WIJK), threshold=5, suppress=False)
    assert unsuppressed.cell(youth.id, BUURT_A).shown == 4


def test_theme_list_for_a_public_page(session: DbSession, seed: Seeder, litter: Theme, youth: Theme) -> None:
    for _ in range(6):
        seed.response([litter])
    for _ in range(2):
        seed.response([youth])
    listed = theme_list(
        session, ThemeFilter(wijk_code=WIJK), threshold=5, suppress=True, theme_order=[litter.id, youth.id]
    )
    assert listed.cell(youth.id, None).small
    assert listed.cell(litter.id, None).hidden  # a total of 8 beside a shown 6 would give the 2 away
    assert listed.column_totals[None].shown == 8
