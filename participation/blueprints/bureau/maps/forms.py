"""The filter forms of the map pages: plain GET forms (no CSRF token, nothing changes), so that they work without
JavaScript and a filtered map has an address that can be shared and bookmarked."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional

from participation.maps import ChoroplethChoice, MapFilter, MapLevel, Measure, Source
from participation.models.lines import LINE_LABELS, ParticipationLine

SOURCE_LABELS = {Source.SURVEY: _l("Survey responses"), Source.CONVERSATION: _l("Conversations")}
MEASURE_LABELS = {
    Measure.COUNT: _l("Responses and conversations"),
    Measure.RESPONSE_RATE: _l("Response rate"),
    Measure.INDICATOR_MEAN: _l("Indicator mean"),
    Measure.THEME_SHARE: _l("Share raising a theme"),
}
LEVEL_LABELS = {
    MapLevel.BLOCK: _l("100 m block"),
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
    question = StringField(_l("Question (its id)"), validators=[Optional(), Length(max=80)])
    answer = StringField(_l("Answer"), validators=[Optional(), Length(max=200)])
    theme = SelectField(_l("Theme"), coerce=_int_or_none, validators=[Optional()])
    line = SelectField(_l("Participation line"), coerce=_choice, validators=[Optional()])
    source = SelectField(_l("Source"), coerce=_choice, validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])

    def set_choices(self, surveys: Sequence[tuple[int, str]], themes: Sequence[tuple[int, str]]) -> None:
        """Choices are made per request: surveys and themes come from the database, labels in the viewer's
        language."""
        every = (None, _l("All"))
        self.survey.choices = [every, *surveys]
        self.theme.choices = [every, *themes]
        self.line.choices = [(ANY, _l("All")), *((line.value, LINE_LABELS[line]) for line in ParticipationLine)]
        self.source.choices = [(ANY, _l("All")), *((source.value, SOURCE_LABELS[source]) for source in Source)]

    def map_filter(self, *, with_theme: bool = True) -> MapFilter:
        """The filter the form describes; a field that did not validate counts as not set."""
        valid = self.validate()
        errors = self.errors if not valid else {}

        def value(name: str) -> object:
            return None if name in errors else self[name].data or None

        question = value("question")
        answer = value("answer")
        line = value("line")
        source = value("source")
        theme = value("theme")
        return MapFilter(
            survey_id=value("survey"),  # type: ignore[arg-type]
            question_id=str(question).strip() if question else None,
            answer=str(answer).strip() if answer and question else None,
            theme_id=theme if with_theme else None,  # type: ignore[arg-type]
            lines=(ParticipationLine(str(line)),) if line else (),
            sources=(Source(str(source)),) if source else (),
            since=value("since"),  # type: ignore[arg-type]
            until=value("until"),  # type: ignore[arg-type]
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

    def choice(self) -> ChoroplethChoice:
        """The choropleth the form asks for; a theme share without a theme falls back to counts."""
        filters = self.map_filter(with_theme=self.measure.data != Measure.THEME_SHARE.value)
        level = MapLevel(self.level.data) if self.level.data in (MapLevel.BUURT, MapLevel.WIJK) else MapLevel.BUURT
        measure = Measure(self.measure.data) if self.measure.data in set(Measure) else Measure.COUNT
        theme_id = self.theme.data if "theme" not in self.errors else None
        if measure is Measure.THEME_SHARE and theme_id is None:
            measure = Measure.COUNT
        indicator = self.indicator.data or None
        if measure is Measure.INDICATOR_MEAN and indicator is None:
            measure = Measure.COUNT
        year = self.year.data if "year" not in self.errors else None
        return ChoroplethChoice(level, measure, indicator, theme_id, year, filters)


class ThemeMapForm(FilterForm):
    """The theme map: a theme (required for a map) and the level, per block or per street."""

    level = SelectField(_l("Drawn per"), coerce=_choice, default=MapLevel.BLOCK.value)

    def set_level_choices(self) -> None:
        self.level.choices = [(level.value, LEVEL_LABELS[level]) for level in (MapLevel.BLOCK, MapLevel.STREET)]

    def chosen_level(self) -> MapLevel:
        return MapLevel.STREET if self.level.data == MapLevel.STREET.value else MapLevel.BLOCK
