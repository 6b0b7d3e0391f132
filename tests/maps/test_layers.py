"""The map layers: counts per block, street, buurt and wijk under every filter, and suppression for analysts."""

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
    choropleth_layer,
    geojson_export,
    heat_layer,
    theme_layer,
)
from participation.models import Answer, Survey, SurveyVersion
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine
from tests.factories import BLOCK_BIG, BLOCK_OTHER, BLOCK_SMALL, BUURT_A, BUURT_B, STREET, WHEN, MapSeeder

K = 5
WORDS = {Status.SHOWN: "", Status.SMALL: "fewer than 5", Status.HIDDEN: "hidden"}


def by_key(layer: object) -> dict[str, object]:
    return {figure.key: figure for figure in layer.figures}  # type: ignore[attr-defined]


def test_a_block_of_four_is_hidden_for_analysts_and_shown_to_admins(
    populate: Callable[..., None], session: DbSession
) -> None:
    populate({BLOCK_SMALL: 4, BLOCK_BIG: 9})
    analyst = by_key(heat_layer(session, MapFilter(), threshold=K, suppress=True))
    admin = by_key(heat_layer(session, MapFilter(), threshold=K, suppress=False))
    assert analyst[BLOCK_SMALL].status is Status.SMALL  # type: ignore[attr-defined]
    assert analyst[BLOCK_SMALL].value is None  # type: ignore[attr-defined]
    assert analyst[BLOCK_BIG].value == 9  # type: ignore[attr-defined]
    assert admin[BLOCK_SMALL].status is Status.SHOWN  # type: ignore[attr-defined]
    assert admin[BLOCK_SMALL].value == 4  # type: ignore[attr-defined]


def test_the_geojson_export_has_no_count_for_a_hidden_block(populate: Callable[..., None], session: DbSession) -> None:
    populate({BLOCK_SMALL: 4, BLOCK_BIG: 9})
    exported = json.loads(geojson_export(heat_layer(session, MapFilter(), threshold=K, suppress=True), WORDS))
    features = {feature["properties"]["key"]: feature for feature in exported["features"]}
    small = features[BLOCK_SMALL]["properties"]
    assert (small["count"], small["value"], small["note"]) == (None, None, "fewer than 5")
    assert features[BLOCK_BIG]["properties"]["count"] == 9
    assert features[BLOCK_BIG]["geometry"]["type"] == "Polygon"
    assert "Kadaster / Centraal Bureau voor de Statistiek, 2024" in exported["properties"]["attribution"]


def test_conversations_count_once_each_and_the_source_filter_separates_them(
    populate: Callable[..., None], seed: MapSeeder, session: DbSession
) -> None:
    populate({BLOCK_BIG: 5})
    for _ in range(6):
        seed.talk_at(BLOCK_OTHER)
    session.commit()
    every = by_key(heat_layer(session, MapFilter(), threshold=K, suppress=True))
    assert {key: figure.value for key, figure in every.items()} == {BLOCK_BIG: 5, BLOCK_OTHER: 6}  # type: ignore[attr-defined]
    talks = heat_layer(session, MapFilter(sources=(Source.CONVERSATION,)), threshold=K, suppress=True)
    assert [figure.key for figure in talks.figures] == [BLOCK_OTHER]
    contact = heat_layer(session, MapFilter(lines=(ParticipationLine.CONTACT,)), threshold=K, suppress=True)
    assert [figure.key for figure in contact.figures] == [BLOCK_OTHER]


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
        return {f.key: f.count.value for f in heat_layer(session, filters, threshold=K, suppress=False).figures}

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
    found = heat_layer(session, MapFilter(question_id="wishes", answer="green"), threshold=K, suppress=False)
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


def test_the_theme_map_per_block_and_per_street(seed: MapSeeder, session: DbSession) -> None:
    litter = seed.theme("map_litter")
    for _ in range(4):
        seed.at(BLOCK_SMALL, street="Kleine straat", themes=[litter])
    for _ in range(6):
        seed.at(BLOCK_BIG, street=STREET, themes=[litter])
    session.commit()
    blocks = by_key(theme_layer(session, litter.id, MapLevel.BLOCK, MapFilter(), threshold=K, suppress=True))
    assert blocks[BLOCK_SMALL].status is Status.SMALL  # type: ignore[attr-defined]
    assert blocks[BLOCK_BIG].value == 6  # type: ignore[attr-defined]
    streets = by_key(theme_layer(session, litter.id, MapLevel.STREET, MapFilter(), threshold=K, suppress=True))
    assert streets["Kleine straat"].status is Status.SMALL  # type: ignore[attr-defined]
    # A hidden street is not placed on the map at all: its point would point at its few sources.
    assert streets["Kleine straat"].geometry is None  # type: ignore[attr-defined]
    assert streets[STREET].geometry["type"] == "Point"  # type: ignore[attr-defined]


def test_nothing_from_before_or_after_the_period(populate: Callable[..., None], session: DbSession) -> None:
    populate({BLOCK_BIG: 5}, when=datetime(2023, 12, 31, 23, 0, tzinfo=WHEN.tzinfo))
    assert heat_layer(session, MapFilter(since=date(2024, 1, 1)), threshold=K, suppress=True).figures == ()
