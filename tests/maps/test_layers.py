"""The map layers: counts per cell, street, buurt and wijk under every filter, and suppression for analysts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta

from participation.maps import (
    ChoroplethChoice,
    MapFilter,
    MapLevel,
    Measure,
    Source,
    Status,
    cell_layer,
    choropleth_layer,
    geojson_export,
    theme_layer,
)
from participation.maps.builders import nested_area_table
from participation.models import Answer, Survey, SurveyVersion
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine
from tests.factories import BLOCK_BIG, BLOCK_OTHER, BLOCK_SMALL, BUURT_A, BUURT_B, STREET, WHEN, MapSeeder

K = 5
WORDS = {Status.SHOWN: "", Status.SMALL: "fewer than 5", Status.HIDDEN: "hidden"}


def by_key(layer: object) -> dict[str, object]:
    return {figure.key: figure for figure in layer.figures}  # type: ignore[attr-defined]


def drawn(layer: object) -> dict[str, int]:
    """Cell size and square (``"100-E105000N423300"``) -> count of every drawn cell."""
    return {figure.key.split("-", 1)[1]: figure.count.value for figure in layer.figures}  # type: ignore[attr-defined]


def block_of(size: int, block: str) -> str:
    return f"{size}-{block}"


def test_a_block_of_four_is_drawn_in_a_larger_square_for_analysts_and_as_it_is_for_admins(
    populate: Callable[..., None], session: DbSession
) -> None:
    populate({BLOCK_SMALL: 4, BLOCK_BIG: 9, BLOCK_OTHER: 3})
    analyst = drawn(cell_layer(session, MapFilter(), threshold=K, suppress=True))
    admin = drawn(cell_layer(session, MapFilter(), threshold=K, suppress=False))
    # The nine stand at 100 m; the four and the three together in their 400 m square, never on their own.
    assert analyst == {block_of(100, BLOCK_BIG): 9, "400-E104800N423200": 7}
    assert admin == {block_of(100, BLOCK_SMALL): 4, block_of(100, BLOCK_BIG): 9, block_of(100, BLOCK_OTHER): 3}


def test_a_buurt_draws_nothing_that_would_leave_fewer_than_k_undrawn(
    populate: Callable[..., None], session: DbSession
) -> None:
    # Drawing the nine would tell that the buurt's other four sources are elsewhere in it.
    populate({BLOCK_SMALL: 4, BLOCK_BIG: 9})
    layer = cell_layer(session, MapFilter(), threshold=K, suppress=True)
    assert drawn(layer) == {}
    assert layer.coverage is not None and (layer.coverage.located, layer.coverage.drawn) == (13, 0)


def test_the_geojson_export_has_the_cells_the_legend_and_the_coverage(
    populate: Callable[..., None], session: DbSession
) -> None:
    populate({BLOCK_SMALL: 4, BLOCK_BIG: 9, BLOCK_OTHER: 3})
    layer = cell_layer(session, MapFilter(), threshold=K, suppress=True)
    legend = [{"colour": "#ffffb2", "label": "7-9", "low": 7.0, "high": 9.0}]
    exported = json.loads(geojson_export(layer, WORDS, legend))
    counts = sorted(feature["properties"]["count"] for feature in exported["features"])
    assert counts == [7, 9]
    assert {feature["geometry"]["type"] for feature in exported["features"]} <= {"Polygon", "MultiPolygon"}
    assert {feature["properties"]["cell_size_m"] for feature in exported["features"]} == {100, 400}
    assert exported["properties"]["legend"] == legend
    coverage = exported["properties"]["coverage"]
    assert (coverage["located"], coverage["drawn"], coverage["drawn_per_cell_size_m"]["100"]) == (16, 16, 9)
    assert "Kadaster / Centraal Bureau voor de Statistiek, 2024" in exported["properties"]["attribution"]


def test_conversations_count_once_each_and_the_source_filter_separates_them(
    populate: Callable[..., None], seed: MapSeeder, session: DbSession
) -> None:
    populate({BLOCK_BIG: 5})
    for _ in range(6):
        seed.talk_at(BLOCK_OTHER)
    session.commit()
    every = drawn(cell_layer(session, MapFilter(), threshold=K, suppress=True))
    assert every == {block_of(100, BLOCK_BIG): 5, block_of(100, BLOCK_OTHER): 6}
    talks = cell_layer(session, MapFilter(sources=(Source.CONVERSATION,)), threshold=K, suppress=True)
    assert drawn(talks) == {block_of(100, BLOCK_OTHER): 6}
    contact = cell_layer(session, MapFilter(lines=(ParticipationLine.CONTACT,)), threshold=K, suppress=True)
    assert drawn(contact) == {block_of(100, BLOCK_OTHER): 6}


def test_survey_question_answer_theme_and_period_filters(seed: MapSeeder, session: DbSession) -> None:
    litter = seed.theme("map_litter")
    for n in range(6):
        seed.at(BLOCK_BIG, themes=[litter] if n < 5 else [], text="ja" if n % 2 else "nee")
    other_survey = Survey(slug="ander-onderzoek", line=ParticipationLine.INVOLVE)
    session.add_all([other_survey, SurveyVersion(survey=other_survey, number=1, definition={}, fingerprint="1" * 64)])
    for _ in range(5):
        seed.at(BLOCK_OTHER, when=WHEN + timedelta(days=60))
    seed.talk_at(BLOCK_BIG, themes=(litter,))
    session.commit()

    def keys(filters: MapFilter) -> dict[str, int]:
        # An admin sees every block as a 100 m cell.
        layer = cell_layer(session, filters, threshold=K, suppress=False)
        return {key.removeprefix("100-"): count for key, count in drawn(layer).items()}

    assert keys(MapFilter(survey_id=seed.survey.id)) == {BLOCK_BIG: 6, BLOCK_OTHER: 5}
    assert keys(MapFilter(survey_id=other_survey.id)) == {}
    assert keys(MapFilter(question_id="q0", answer="ja")) == {BLOCK_BIG: 3}
    assert keys(MapFilter(theme_id=litter.id)) == {BLOCK_BIG: 6}  # five responses and one conversation
    assert keys(MapFilter(since=date(2024, 5, 1))) == {BLOCK_OTHER: 5}
    assert keys(MapFilter(until=date(2024, 3, 15))) == {BLOCK_BIG: 7}


def test_an_answer_filter_finds_a_choice_among_several(seed: MapSeeder, session: DbSession) -> None:
    response = seed.at(BLOCK_BIG)
    response.answers.append(Answer(question_id="wishes", position=5, value=["green", "play_area"]))
    seed.at(BLOCK_BIG).answers.append(Answer(question_id="wishes", position=5, value='said "green" twice'))
    session.commit()
    found = cell_layer(session, MapFilter(question_id="wishes", answer="green"), threshold=K, suppress=False)
    assert [figure.count.value for figure in found.figures] == [1]


def test_the_buurt_choropleth_hides_a_buurt_of_four_and_protects_it_from_the_total(
    populate: Callable[..., None], session: DbSession
) -> None:
    populate({BLOCK_SMALL: 4})
    populate({BLOCK_BIG: 9}, buurt=BUURT_B)
    populate({BLOCK_OTHER: 12}, buurt="BU05050302")
    layer, _year = choropleth_layer(session, ChoroplethChoice(MapLevel.BUURT), threshold=K, suppress=True)
    figures = by_key(layer)
    assert figures[BUURT_A].status is Status.SMALL  # type: ignore[attr-defined]
    # With the total shown, one more buurt is hidden, so the four cannot be worked out by subtraction.
    assert layer.total is not None and not layer.total.hidden
    assert sum(1 for figure in layer.figures if figure.status is Status.HIDDEN) >= 1
    assert figures[BUURT_A].geometry["type"] in ("Polygon", "MultiPolygon")  # type: ignore[attr-defined]
    assert len(layer.figures) == 132


def test_the_wijk_choropleth_adds_up_buurten(populate: Callable[..., None], session: DbSession) -> None:
    populate({BLOCK_SMALL: 3})
    populate({BLOCK_BIG: 3}, buurt=BUURT_B)
    layer, _year = choropleth_layer(session, ChoroplethChoice(MapLevel.WIJK), threshold=K, suppress=True)
    assert by_key(layer)["WK050503"].value == 6  # type: ignore[attr-defined]


def test_theme_share_per_buurt_hides_a_theme_raised_four_times(seed: MapSeeder, session: DbSession) -> None:
    litter, noise = seed.theme("map_litter"), seed.theme("map_noise")
    for n in range(10):
        seed.at(BLOCK_BIG, themes=[litter] if n < 4 else [noise])
    for n in range(10):
        seed.at(BLOCK_OTHER, BUURT_B, themes=[litter] if n < 6 else [noise])
    session.commit()
    choice = ChoroplethChoice(MapLevel.BUURT, Measure.THEME_SHARE, theme_id=litter.id)
    layer, _year = choropleth_layer(session, choice, threshold=K, suppress=True)
    figures = by_key(layer)
    assert figures[BUURT_A].status is not Status.SHOWN  # type: ignore[attr-defined]
    assert figures[BUURT_A].value is None  # type: ignore[attr-defined]
    admin, _year = choropleth_layer(session, choice, threshold=K, suppress=False)
    assert by_key(admin)[BUURT_A].value == 0.4  # type: ignore[attr-defined]


def test_theme_share_counts_what_the_count_choropleth_of_the_theme_counts(seed: MapSeeder, session: DbSession) -> None:
    litter, noise = seed.theme("map_litter"), seed.theme("map_noise")
    for n in range(9):
        seed.at(BLOCK_BIG, themes=[litter] if n < 6 else [noise])
    for _ in range(3):
        seed.talk_at(BLOCK_BIG, themes=(litter,))
    seed.at(BLOCK_BIG)  # coded with no theme: in neither figure
    for n in range(8):
        seed.at(BLOCK_OTHER, BUURT_B, themes=[litter] if n < 2 else [noise])
    seed.activity([litter, noise], BUURT_A)  # no map counts activities: the share does not either
    session.commit()
    values = {}
    for level, code, admin_counts in ((MapLevel.BUURT, BUURT_A, (9, 12)), (MapLevel.WIJK, "WK050503", (11, 20))):
        share = ChoroplethChoice(level, Measure.THEME_SHARE, theme_id=litter.id)
        count = ChoroplethChoice(level, filters=MapFilter(theme_id=litter.id))
        shares, _year = choropleth_layer(session, share, threshold=K, suppress=True)
        counts, _year = choropleth_layer(session, count, threshold=K, suppress=True)
        # The numerator is the count page's figure, hidden alike (BUURT_B's two hide BUURT_A's nine as well).
        assert [(f.key, f.count) for f in shares.figures] == [(f.key, f.count) for f in counts.figures]
        values[code] = by_key(shares)[code].value  # type: ignore[attr-defined]
        admin, _year = choropleth_layer(session, share, threshold=K, suppress=False)
        figure = by_key(admin)[code]
        assert (figure.count.value, figure.base.value) == admin_counts  # type: ignore[attr-defined]
    assert values == {BUURT_A: None, "WK050503": 0.55}


def test_the_theme_map_per_cell_and_per_street(seed: MapSeeder, session: DbSession) -> None:
    litter = seed.theme("map_litter")
    for block, street, n in (
        (BLOCK_SMALL, "Kleine straat", 4),
        (BLOCK_BIG, STREET, 6),
        (BLOCK_BIG, "Korte straat", 2),
        (BLOCK_OTHER, "Lange straat", 3),
    ):
        for _ in range(n):
            seed.at(block, street=street, themes=[litter])
    seed.at(BLOCK_OTHER, street="Lange straat")  # raises no theme: not on the theme map
    session.commit()
    cells = theme_layer(session, litter.id, MapLevel.BLOCK, MapFilter(), threshold=K, suppress=True)
    assert drawn(cells) == {block_of(100, BLOCK_BIG): 8, "400-E104800N423200": 7}
    streets = theme_layer(session, litter.id, MapLevel.STREET, MapFilter(), threshold=K, suppress=True)
    # Streets are shown only within drawn 100 m cells, with the cell's count as their total: the two are fewer
    # than 5, so the six are hidden as well (else 8 - 6 gives the two away).
    figures = {figure.name: figure for figure in streets.figures}
    assert set(figures) == {STREET, "Korte straat"}
    assert figures["Korte straat"].status is Status.SMALL
    assert figures[STREET].status is Status.HIDDEN
    # A hidden street is not placed on the map at all: its point would point at its few sources.
    assert figures["Korte straat"].geometry is None
    admin = theme_layer(session, litter.id, MapLevel.STREET, MapFilter(), threshold=K, suppress=False)
    shown = {figure.name: figure.value for figure in admin.figures}
    assert shown == {"Kleine straat": 4, STREET: 6, "Korte straat": 2, "Lange straat": 3}
    assert all(figure.geometry["type"] == "Point" for figure in admin.figures)  # type: ignore[index]


def test_nothing_from_before_or_after_the_period(populate: Callable[..., None], session: DbSession) -> None:
    populate({BLOCK_BIG: 5}, when=datetime(2023, 12, 31, 23, 0, tzinfo=WHEN.tzinfo))
    assert cell_layer(session, MapFilter(since=date(2024, 1, 1)), threshold=K, suppress=True).figures == ()


def test_rate_and_mean_pages_share_one_table_per_measure() -> None:
    wijk_of = {"BU1": "WK1", "BU2": "WK1", "BU3": "WK2", "BU4": "WK2"}
    # On their own, the wijk's 30 less the 27 shown on the buurt page would give the three away.
    table = nested_area_table(
        {"BU1": 27, "BU2": 3, "BU3": 20, "BU4": 9}, {"WK1": 30, "WK2": 31}, wijk_of, threshold=K, suppress=True
    )
    assert table.cell("WK1", "BU2").small
    assert table.cell("WK1", "BU1").hidden or table.row_totals["WK1"].hidden
    # A wijk's own count stands as its row total, with answers placed in the wijk only.
    assert table.row_totals["WK2"].value == 31
