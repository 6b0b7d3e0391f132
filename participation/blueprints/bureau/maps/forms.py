"""The filter forms of the map pages: plain GET forms (no CSRF token, nothing changes), so that they work without
JavaScript and a filtered map has an address that can be shared and bookmarked.

Every filter is chosen from a list of names: questions by their text (grouped by survey), answers by their label,
themes, lines and sources by their labels, the period by dates or a preset. A value that is not one of the choices
is refused (``MapFilterError``, a 422 in the viewer's language), never silently ignored."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from participation.maps import ChoroplethChoice, MapFilter, MapLevel, Measure, Source
from participation.maps.errors import MapFilterError
from participation.models.lines import LINE_LABELS, ParticipationLine
from participation.surveys.labels import TONE_LABELS
from participation.surveys.model import Tone
from participation.themes.tones import TONES


class Period(enum.StrEnum):
    """Periods an analyst picks by name rather than typing dates."""

    THIS_QUARTER = "this_quarter"
    THIS_YEAR = "this_year"
    LAST_YEAR = "last_year"


PERIOD_LABELS = {
    Period.THIS_QUARTER: _l("This quarter"),
    Period.THIS_YEAR: _l("This year"),
    Period.LAST_YEAR: _l("Last year"),
}


def period_dates(period: Period, today: date) -> tuple[date, date]:
    """The first and last day of a named period around ``today``."""
    if period is Period.THIS_QUARTER:
        first_month = 3 * ((today.month - 1) // 3) + 1
        start = date(today.year, first_month, 1)
        end = date(today.year + 1, 1, 1) if first_month == 10 else date(today.year, first_month + 3, 1)
        return start, date.fromordinal(end.toordinal() - 1)
    year = today.year if period is Period.THIS_YEAR else today.year - 1
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True)
class QuestionChoice:
    """A survey question the map can filter on: its survey, its id, its text and its answers' labels (choice
    questions only), all in the viewer's language."""

    survey_id: int
    survey_title: str
    question_id: str
    text: str
    answers: tuple[tuple[str, str], ...] = ()

    @property
    def value(self) -> str:
        return f"{self.survey_id}/{self.question_id}"


SOURCE_LABELS = {Source.SURVEY: _l("Survey responses"), Source.CONVERSATION: _l("Conversations")}
MEASURE_LABELS = {
    Measure.COUNT: _l("Responses and conversations"),
    Measure.RESPONSE_RATE: _l("Response rate"),
    Measure.INDICATOR_MEAN: _l("Indicator mean"),
    Measure.THEME_SHARE: _l("Share raising a theme"),
}
LEVEL_LABELS = {
    MapLevel.BLOCK: _l("Square of 100 m to 1600 m"),
    MapLevel.STREET: _l("Street"),
    MapLevel.BUURT: _l("Neighbourhood (buurt)"),
    MapLevel.WIJK: _l("District (wijk)"),
}
ANY = ""


def _int_or_none(value: object) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(str(value))


def _choice(value: object) -> str:
    return "" if value is None else str(value)


class FilterForm(Form):
    """Which responses and conversations a map counts: survey, question and answer, theme, line, source, period."""

    survey = SelectField(_l("Survey"), coerce=_int_or_none, validators=[Optional()])
    question = SelectField(_l("Question"), coerce=_choice, validators=[Optional()])
    answer = SelectField(_l("Answer"), coerce=_choice, validators=[Optional()])
    theme = SelectField(_l("Theme"), coerce=_int_or_none, validators=[Optional()])
    tone = SelectField(_l("Tone"), coerce=_choice, validators=[Optional()])
    line = SelectField(_l("Participation line"), coerce=_choice, validators=[Optional()])
    source = SelectField(_l("Source"), coerce=_choice, validators=[Optional()])
    period = SelectField(_l("Period"), coerce=_choice, validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])

    def set_choices(
        self,
        surveys: Sequence[tuple[int, str]],
        themes: Sequence[tuple[int, str]],
        questions: Sequence[QuestionChoice] = (),
    ) -> None:
        """Choices are made per request: surveys, questions and themes come from the database, labels in the
        viewer's language. Questions are grouped by survey; the answers are those of the chosen question."""
        every = (None, _l("All"))
        self.survey.choices = [every, *surveys]
        self.theme.choices = [every, *themes]
        self.tone.choices = [(ANY, _l("All")), *((tone.value, TONE_LABELS[tone]) for tone in TONES)]
        self.line.choices = [(ANY, _l("All")), *((line.value, LINE_LABELS[line]) for line in ParticipationLine)]
        self.source.choices = [(ANY, _l("All")), *((source.value, SOURCE_LABELS[source]) for source in Source)]
        self.period.choices = [(ANY, _l("Any, or the dates below")), *PERIOD_LABELS.items()]
        grouped: dict[str, list[tuple[str, str]]] = {}
        for question in questions:
            grouped.setdefault(question.survey_title, []).append((question.value, question.text))
        self.question.choices = {str(_l("Every survey")): [(ANY, str(_l("Any question")))], **grouped}
        self.questions = {question.value: question for question in questions}
        chosen = self.questions.get(str(self.question.data or ""))
        answers = chosen.answers if chosen is not None else ()
        self.answer.choices = [(ANY, _l("Any answer")), *answers]

    def _refuse_invalid(self, errors: Mapping[str, object]) -> None:
        for name in errors:
            field = self[name]
            code = "not_a_date" if isinstance(field, DateField) else "not_a_choice"
            raise MapFilterError(name, code, name=str(field.label.text))

    def map_filter(self, *, with_theme: bool = True, today: date | None = None) -> MapFilter:
        """The filter the form describes; MapFilterError when a value is not one of the choices or not a date."""
        if not self.validate():
            self._refuse_invalid(self.errors)
        question = self.questions.get(str(self.question.data or "")) if self.question.data else None
        if self.answer.data and question is None:
            raise MapFilterError("answer", "answer_without_question")
        since, until = self.since.data, self.until.data
        if self.period.data:
            since, until = period_dates(Period(self.period.data), today or date.today())
        if since is not None and until is not None and until < since:
            raise MapFilterError("until", "period_reversed")
        survey_id = question.survey_id if question is not None else self.survey.data
        return MapFilter(
            survey_id=survey_id,
            question_id=question.question_id if question is not None else None,
            answer=str(self.answer.data) if self.answer.data else None,
            theme_id=self.theme.data if with_theme else None,
            tone=Tone(str(self.tone.data)) if self.tone.data else None,
            lines=(ParticipationLine(str(self.line.data)),) if self.line.data else (),
            sources=(Source(str(self.source.data)),) if self.source.data else (),
            since=since,
            until=until,
        )


class AreaForm(FilterForm):
    """A choropleth: level, measure and, for some measures, an indicator, a theme and a year."""

    level = SelectField(_l("Areas"), coerce=_choice, default=MapLevel.BUURT.value)
    measure = SelectField(_l("Measure"), coerce=_choice, default=Measure.COUNT.value)
    indicator = SelectField(_l("Indicator"), coerce=_choice, validators=[Optional()])
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(min=2000, max=2100)])

    def set_area_choices(self, indicators: Sequence[str]) -> None:
        self.level.choices = [(level.value, LEVEL_LABELS[level]) for level in (MapLevel.BUURT, MapLevel.WIJK)]
        self.measure.choices = [(measure.value, label) for measure, label in MEASURE_LABELS.items()]
        self.indicator.choices = [(ANY, _l("None")), *((key, key) for key in indicators)]

    def choice(self, today: date | None = None) -> ChoroplethChoice:
        """The choropleth the form asks for; a theme share without a theme falls back to counts."""
        filters = self.map_filter(with_theme=self.measure.data != Measure.THEME_SHARE.value, today=today)
        level = MapLevel(self.level.data) if self.level.data in (MapLevel.BUURT, MapLevel.WIJK) else MapLevel.BUURT
        measure = Measure(self.measure.data) if self.measure.data in set(Measure) else Measure.COUNT
        theme_id = self.theme.data
        if measure is Measure.THEME_SHARE and theme_id is None:
            measure = Measure.COUNT
        indicator = self.indicator.data or None
        if measure is Measure.INDICATOR_MEAN and indicator is None:
            measure = Measure.COUNT
        return ChoroplethChoice(level, measure, indicator, theme_id, self.year.data, filters)


class ThemeMapForm(FilterForm):
    """The theme map: a theme (required for a map) and the level, per cell or per street. The cell level keeps
    the value "block" that addresses of the earlier block map use."""

    level = SelectField(_l("Drawn per"), coerce=_choice, default=MapLevel.BLOCK.value)

    def set_level_choices(self) -> None:
        self.level.choices = [(level.value, LEVEL_LABELS[level]) for level in (MapLevel.BLOCK, MapLevel.STREET)]

    def chosen_level(self) -> MapLevel:
        return MapLevel.STREET if self.level.data == MapLevel.STREET.value else MapLevel.BLOCK
