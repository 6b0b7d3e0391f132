"""The programme input of one wijk as one document: its inputs with theme, pillar, goals, what residents said,
the proposed effort, priority, status, evidence and consented quotes, and the theme counts per buurt. HTML, PDF,
CSV and XLSX are all made from this one value, so every format shows the same (suppressed) figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from participation.disclosure import Cell, DisclosedTable, disclose_list
from participation.models.base import DbSession, utcnow
from participation.models.programme import ProgrammeInput
from participation.models.themes import Theme
from participation.programme.labels import priority_label, status_label
from participation.programme.queries import Area, InputFilter, buurten_of, inputs_of_wijk
from participation.surveys.model import Tone
from participation.themes.aggregation import UNKNOWN, Dimension, ThemeFilter, theme_table
from participation.themes.pillars import goal_label, pillar_label


@dataclass(frozen=True)
class InputLine:
    """One input as documents show it, with labels in the document's language."""

    id: int
    title: str
    theme: str
    pillar: str
    goals: tuple[str, ...]
    area: str
    residents_said: str
    proposed_effort: str
    priority: str
    status: str
    evidence: Cell  # linked sources, suppressed like any other count
    quotes: tuple[str, ...]  # only quotes the person consented to
    removed_quotes: int = 0  # consented quotes removed since, because the resident erased the source


@dataclass(frozen=True)
class WijkProgramme:
    """Everything a document of a wijk's programme input shows."""

    wijk: Area
    language: str
    inputs: tuple[InputLine, ...]
    themes: DisclosedTable[int, str]
    theme_labels: dict[int, str]
    column_labels: dict[str, str]
    threshold: int
    generated_at: datetime


def consented_quotes(programme_input: ProgrammeInput) -> tuple[str, ...]:
    """The quotes of an input that may be shown: only those the person agreed to."""
    return tuple(e.quote for e in programme_input.evidence if e.quote_consent and e.quote)


def removed_quotes(programme_input: ProgrammeInput) -> int:
    """How many quotes the documents showed were removed since, because the resident erased their source."""
    return sum(1 for e in programme_input.evidence if e.quote_consent and e.erased_at is not None)


def live_sources(programme_input: ProgrammeInput) -> int:
    """The sources linked to an input, without those the residents erased."""
    return sum(1 for e in programme_input.evidence if e.erased_at is None)


def _area_label(programme_input: ProgrammeInput, wijk: Area, buurten: dict[str, str]) -> str:
    parts = [wijk.name]
    if programme_input.buurt_code:
        parts.append(buurten.get(programme_input.buurt_code, programme_input.buurt_code))
    if programme_input.street_name:
        parts.append(programme_input.street_name)
    return " · ".join(parts)


def _line(
    programme_input: ProgrammeInput, evidence: Cell, wijk: Area, buurten: dict[str, str], language: str
) -> InputLine:
    theme = programme_input.theme
    return InputLine(
        id=programme_input.id,
        title=programme_input.title,
        theme=theme.label(language),
        pillar=pillar_label(theme.pillar),
        goals=tuple(goal_label(goal) for goal in theme.goals),
        area=_area_label(programme_input, wijk, buurten),
        residents_said=programme_input.residents_said,
        proposed_effort=programme_input.proposed_effort,
        priority=priority_label(programme_input.priority),
        status=status_label(programme_input.status),
        evidence=evidence,
        quotes=consented_quotes(programme_input),
        removed_quotes=removed_quotes(programme_input),
    )


def wijk_programme(
    session: DbSession,
    wijk: Area,
    language: str,
    *,
    threshold: int,
    suppress: bool,
    filters: InputFilter | None = None,
) -> WijkProgramme:
    """The document of a wijk's programme input, in ``language`` (call inside ``force_locale`` for the labels).

    Evidence counts are suppressed as a list without a total (no total is shown, so small ones alone are hidden).
    """
    inputs = inputs_of_wijk(session, wijk.code, filters)
    buurten = {area.code: area.name for area in buurten_of(session, wijk.code)}
    evidence = disclose_list(
        {item.id: live_sources(item) for item in inputs},
        [item.id for item in inputs],
        threshold=threshold,
        suppress=suppress,
    )
    themes = wijk_theme_table(session, wijk, threshold=threshold, suppress=suppress, buurten=buurten)
    theme_labels = {theme_id: label for theme_id, label in _theme_labels(session, themes.rows, language)}
    return WijkProgramme(
        wijk=wijk,
        language=language,
        inputs=tuple(_line(item, evidence.cell(item.id, None), wijk, buurten, language) for item in inputs),
        themes=themes,
        theme_labels=theme_labels,
        column_labels={**buurten, UNKNOWN: ""},
        threshold=threshold,
        generated_at=utcnow(),
    )


def wijk_theme_table(
    session: DbSession,
    wijk: Area,
    *,
    threshold: int,
    suppress: bool,
    buurten: dict[str, str] | None = None,
    tone: Tone | None = None,
) -> DisclosedTable[int, str]:
    """Themes by buurt of one wijk (distinct sources), every buurt a column, suppressed for ``suppress``; only the
    texts of one ``tone`` when given."""
    if buurten is None:
        buurten = {area.code: area.name for area in buurten_of(session, wijk.code)}
    return theme_table(
        session,
        Dimension.BUURT,
        ThemeFilter(wijk_code=wijk.code, tone=tone),
        threshold=threshold,
        suppress=suppress,
        columns=list(buurten),
    )


def _theme_labels(session: DbSession, theme_ids: Sequence[int], language: str) -> list[tuple[int, str]]:
    labels = []
    for theme_id in theme_ids:
        theme = session.get(Theme, theme_id)
        labels.append((theme_id, theme.label(language) if theme is not None else str(theme_id)))
    return labels
