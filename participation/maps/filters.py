"""What a map shows: the filters of the heat map and the choices of the choropleth and theme maps, as plain values
that the blueprint parses from a request and the domain functions take."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from participation.models.lines import ParticipationLine
from participation.surveys.model import Tone


class Source(enum.StrEnum):
    """Where a figure on a map comes from: a survey response or a logged conversation."""

    SURVEY = "survey"
    CONVERSATION = "conversation"


class MapLevel(enum.StrEnum):
    """The cells a map layer is made of."""

    CELL = "cell"  # squares of 100 m to 1600 m within a buurt, each drawn at the finest safe level
    BLOCK = "block"
    STREET = "street"
    BUURT = "buurt"
    WIJK = "wijk"


class Measure(enum.StrEnum):
    """What a choropleth colours its areas by."""

    COUNT = "count"  # distinct responses and conversations
    RESPONSE_RATE = "rate"  # responses per resident aged 15 or older
    INDICATOR_MEAN = "mean"  # the mean of an indicator question
    THEME_SHARE = "theme"  # share of coded sources that raise a theme


@dataclass(frozen=True)
class MapFilter:
    """Which responses and conversations count on the heat map and the count choropleth.

    A survey, question or answer filter only ever matches responses: conversations have no answers, so they drop
    out as soon as one of these is set. ``since`` and ``until`` are inclusive days.
    """

    survey_id: int | None = None
    question_id: str | None = None
    answer: str | None = None
    theme_id: int | None = None
    lines: tuple[ParticipationLine, ...] = ()
    sources: tuple[Source, ...] = ()
    since: date | None = None
    until: date | None = None
    # Only sources coded with at least one theme: the base of a theme share (not a choice on any form).
    coded: bool = False
    # Only sources whose coded text has this tone (praise, complaint, neutral): with ``theme_id``, praise and
    # complaint about one theme are mapped apart (participation.themes.tones says how a text gets its tone).
    tone: Tone | None = None

    def includes(self, source: Source) -> bool:
        """Whether sources of this kind can match at all."""
        if self.sources and source not in self.sources:
            return False
        survey_only = self.survey_id is not None or self.question_id is not None or self.answer is not None
        return source is Source.SURVEY or not survey_only


@dataclass(frozen=True)
class ChoroplethChoice:
    """A choropleth: its level (wijk or buurt), its measure and what the measure needs (indicator, theme, year)."""

    level: MapLevel = MapLevel.BUURT
    measure: Measure = Measure.COUNT
    indicator: str | None = None
    theme_id: int | None = None
    year: int | None = None
    filters: MapFilter = MapFilter()
