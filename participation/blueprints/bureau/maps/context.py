"""What each map page shows: the form read from the query string, the suppressed layer for the viewer, and
the words of its tooltips and table. The page, its script and its GeoJSON export all come from ``map_page``, so
they show the same figures for the same address."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask_babel import format_decimal, format_percent, get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from participation.blueprints.bureau.maps.forms import AreaForm, FilterForm, QuestionChoice, ThemeMapForm
from participation.disclosure import Cell
from participation.extensions import db
from participation.i18n import current_language
from participation.indicators.sources import indicator_sources
from participation.maps import (
    MapFigure,
    MapLayer,
    MapLevel,
    Measure,
    Status,
    cell_layer,
    choropleth_layer,
    theme_layer,
)
from participation.maps.layers import HIDDEN_FILL
from participation.models import Survey, SurveyVersion, Theme
from participation.responses.publishing import definition_of
from participation.surveys.labels import AGREEMENT_LABELS, YES_NO_LABELS
from participation.surveys.model import CHOICE_TYPES, QuestionType
from participation.web.clock import local_today
from participation.web.disclosure import viewer_disclosure

KINDS = ("blocks", "areas", "themes")


@dataclass(frozen=True)
class TableRow:
    """One row of the text alternative: the same figure as on the map, in words."""

    key: str
    name: str
    count: str
    value: str
    status: Status


@dataclass
class MapPage:
    """A map page's form and figures; ``layer`` is None while the theme map waits for a theme."""

    kind: str
    form: FilterForm
    layer: MapLayer | None
    threshold: int
    year: int | None = None
    rows: list[TableRow] = field(default_factory=list)
    tips: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    legend: list[LegendEntry] = field(default_factory=list)
    coverage: str = ""


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of the legend: its colour, its words, and the bounds of its class (None for hidden figures)."""

    colour: str
    words: str
    low: float | None = None
    high: float | None = None

    def properties(self) -> dict[str, object]:
        return {"colour": self.colour, "label": self.words, "low": self.low, "high": self.high}


def status_words(threshold: int) -> dict[Status, str]:
    return {
        Status.SHOWN: "",
        Status.SMALL: _("fewer than %(k)d", k=threshold),
        Status.HIDDEN: _("hidden, so that a smaller figure cannot be worked out"),
    }


def _value_text(measure: Measure, figure: MapFigure) -> str:
    if figure.value is None:
        return ""  # hidden figures say why in their count; areas without residents or answers have no value
    if measure is Measure.RESPONSE_RATE or measure is Measure.THEME_SHARE:
        return str(format_percent(figure.value, format="#,##0.0%"))
    if measure is Measure.INDICATOR_MEAN:
        return str(format_decimal(figure.value, format="#,##0.00"))
    return str(format_decimal(figure.value, format="#,##0"))


def _whole_number_format() -> Callable[[int], str]:
    """Whole numbers in the viewer's locale; Babel is asked once per page, not once per block."""
    group = get_locale().number_symbols.get("latn", {}).get("group", ",") if get_locale() else ","
    return lambda n: f"{n:,}".replace(",", group)


def _fill_texts(page: MapPage, layer: MapLayer) -> None:
    words = status_words(page.threshold)
    whole = _whole_number_format()
    for figure in layer.figures:
        status = figure.status
        count = whole(figure.count.value) if status is Status.SHOWN else words[status]
        value = _value_text(layer.measure, figure) if layer.measure is not Measure.COUNT else ""
        page.rows.append(TableRow(figure.key, figure.name, count, value, status))
        shown = value or count
        if layer.level is MapLevel.CELL:
            page.tips[figure.key] = f"{figure.name}, {figure.size} m: {shown}"
        else:
            page.tips[figure.key] = (
                f"{figure.name} ({figure.key}): {shown}" if figure.name else f"{figure.key}: {shown}"
            )
    page.words = {
        "shown": _("%(count)s responses and conversations", count="{n}")
        if page.kind == "blocks"
        else _("raised in %(count)s sources", count="{n}"),
        "small": words[Status.SMALL],
        "hidden": words[Status.HIDDEN],
    }


def _legend(layer: MapLayer, threshold: int) -> list[LegendEntry]:
    """Each colour class with its bounds ("12-18"), lightest first, then the colour of hidden figures and, on the
    cell and street maps, of what is not drawn."""

    def number(value: float) -> str:
        probe = MapFigure("", "", layer.figures[0].count if layer.figures else Cell(0), value, None)
        return _value_text(layer.measure, probe)

    entries = [
        LegendEntry(
            found.colour,
            number(found.low) if found.low == found.high else f"{number(found.low)}\u2013{number(found.high)}",
            found.low,
            found.high,
        )
        for found in layer.classes()
    ]
    if layer.suppressed and (
        any(figure.status is not Status.SHOWN for figure in layer.figures) or layer.coverage is not None
    ):
        entries.append(LegendEntry(HIDDEN_FILL, _("fewer than %(k)d, or hidden to protect such a figure", k=threshold)))
    return entries


def _coverage_text(layer: MapLayer) -> str:
    coverage = layer.coverage
    if coverage is None or not coverage.located:
        return ""
    return str(
        _(
            "%(drawn)s of located responses and conversations are drawn; %(finest)s at 100 m.",
            drawn=format_percent(coverage.share_drawn, format="#,##0%"),
            finest=format_percent(coverage.share_finest, format="#,##0%"),
        )
    )


def _questions(language: str) -> list[QuestionChoice]:
    """Every question of every survey's newest version, by its text in the viewer's language, grouped by survey;
    choice, agreement and yes/no questions with the labels of their answers."""
    newest = (
        select(SurveyVersion)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .order_by(Survey.slug, SurveyVersion.number.desc())
    )
    seen: set[int] = set()
    found = []
    for version in db.session.scalars(newest):
        if version.survey_id in seen:
            continue
        seen.add(version.survey_id)
        definition = definition_of(version)
        title = definition.title.get(language, "nl") or version.survey.slug
        for question in definition.questions():
            answers: tuple[tuple[str, str], ...] = ()
            if question.type in CHOICE_TYPES:
                answers = tuple((choice.value, choice.label.get(language, "nl")) for choice in question.choices)
            elif question.type is QuestionType.AGREEMENT:
                answers = tuple((str(value), str(label)) for value, label in AGREEMENT_LABELS.items())
            elif question.type is QuestionType.YES_NO:
                answers = tuple((str(value).lower(), str(label)) for value, label in YES_NO_LABELS.items())
            found.append(
                QuestionChoice(version.survey_id, title, question.id, question.text.get(language, "nl"), answers)
            )
    return found


def _choices(form: FilterForm) -> None:
    language = current_language().code
    questions = _questions(language)
    titles = {question.survey_id: question.survey_title for question in questions}
    surveys = [
        (id_, titles.get(id_, slug))
        for id_, slug in db.session.execute(select(Survey.id, Survey.slug).order_by(Survey.slug))
    ]
    themes = db.session.scalars(select(Theme).where(Theme.merged_into_id.is_(None))).all()
    theme_choices = sorted(((theme.id, theme.label(language)) for theme in themes), key=lambda c: c[1].casefold())
    form.set_choices(surveys, theme_choices, questions)


def map_page(kind: str, args: Mapping[str, str] | MultiDict[str, str]) -> MapPage:
    """Read the page's form from the query string and build its suppressed layer for the signed-in viewer."""
    policy = viewer_disclosure()
    threshold = policy.threshold
    formdata = args if isinstance(args, MultiDict) else MultiDict(args)
    if kind == "areas":
        area_form = AreaForm(formdata)
        _choices(area_form)
        area_form.set_area_choices(indicator_sources(db.session).indicators)
        choice = area_form.choice(local_today())
        layer, year = choropleth_layer(db.session, choice, threshold=threshold, suppress=policy.suppress)
        page = MapPage(kind, area_form, layer, threshold, year)
    elif kind == "themes":
        theme_form = ThemeMapForm(formdata)
        _choices(theme_form)
        theme_form.set_level_choices()
        filters = theme_form.map_filter(with_theme=False, today=local_today())
        theme_id = theme_form.theme.data
        layer_or_none = (
            theme_layer(
                db.session, theme_id, theme_form.chosen_level(), filters, threshold=threshold, suppress=policy.suppress
            )
            if theme_id is not None
            else None
        )
        page = MapPage(kind, theme_form, layer_or_none, threshold)
    else:
        form = FilterForm(formdata)
        _choices(form)
        filters = form.map_filter(today=local_today())
        heat = cell_layer(db.session, filters, threshold=threshold, suppress=policy.suppress)
        page = MapPage(kind, form, heat, threshold)
    if page.layer is not None:
        _fill_texts(page, page.layer)
        page.legend = _legend(page.layer, threshold)
        page.coverage = _coverage_text(page.layer)
    return page


def is_area_map(page: MapPage) -> bool:
    return page.layer is not None and page.layer.level in (MapLevel.BUURT, MapLevel.WIJK)
