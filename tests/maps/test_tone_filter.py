"""Praise and complaint about one theme are mapped apart: the maps' tone filter counts what the theme tables count
under the same tone."""

from __future__ import annotations

import pytest

from participation.maps import MapFilter, MapLevel
from participation.maps.queries import source_counts
from participation.models.base import DbSession
from participation.models.fieldwork import Mood
from participation.models.themes import Theme
from participation.surveys.model import Tone
from participation.themes.aggregation import Dimension, ThemeFilter, theme_counts
from tests.factories import BUURT_A, Seeder


@pytest.fixture
def parks(session: DbSession) -> tuple[Seeder, Theme]:
    seed = Seeder(session)
    parks = seed.theme("parks")
    seed.response([parks], questions=["good_here", "improve_first"])  # praise and complaint in one response
    seed.response([parks], questions=["good_here"])
    seed.response([parks], questions=["q0"])  # a question without a tone
    seed.response([], questions=["good_here"])  # praise about nothing coded: no theme, no tone
    seed.conversation([parks]).mood = Mood.POSITIVE
    seed.conversation([parks]).mood = Mood.NEGATIVE
    session.flush()
    return seed, parks


def test_each_tone_counts_the_sources_whose_coded_text_has_it(session: DbSession, parks: tuple[Seeder, Theme]) -> None:
    _seed, theme = parks
    found = {tone: source_counts(session, MapLevel.BUURT, MapFilter(theme_id=theme.id, tone=tone)) for tone in Tone}
    assert found == {Tone.PRAISE: {BUURT_A: 3}, Tone.COMPLAINT: {BUURT_A: 2}, Tone.NEUTRAL: {BUURT_A: 1}}
    for tone in Tone:  # the same figures as the theme table of that tone
        table = theme_counts(session, Dimension.BUURT, ThemeFilter(theme_ids=[theme.id], tone=tone))
        assert {count.key: count.sources for count in table} == found[tone]
    everything = source_counts(session, MapLevel.BUURT, MapFilter(theme_id=theme.id))
    assert everything == {BUURT_A: 5}  # a source with praise and complaint counts once without a tone filter
