"""Themes and programme inputs rolled up per pillar and per strategic goal of the programme.

A theme belongs to one pillar and serves some of the ten strategic goals (the codebook says which). Per pillar and
goal the bureau sees how many distinct responses, conversations and activities raised any of its themes, per year
(a source that raised two themes of one pillar counts once), suppressed like every count of people; and how many
programme inputs there are per status, which counts efforts rather than people and is shown as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select

from participation.disclosure import DisclosedTable, disclose_table
from participation.indicators.targets import Progress
from participation.models.base import DbSession
from participation.models.programme import InputStatus, ProgrammeInput
from participation.models.themes import STRATEGIC_GOALS, Pillar, Theme
from participation.programme.labels import status_label
from participation.themes.aggregation import UNKNOWN, Dimension, ThemeFilter, source_counts
from participation.themes.pillars import goal_label, pillar_label


@dataclass(frozen=True)
class Rollup:
    """Pillars or goals (rows, by number) with their names, the sources per year and the inputs per status."""

    labels: dict[int, str]
    themes: dict[int, tuple[str, ...]]  # the names of the themes of each pillar or goal
    sources: DisclosedTable[int, str]  # distinct sources per year ("2024"), with a total per row
    inputs: dict[tuple[int, str], int]  # (pillar or goal, status) -> programme inputs
    statuses: tuple[tuple[str, str], ...]  # (status, label) in the programme's order


@dataclass(frozen=True)
class Rollups:
    pillars: Rollup
    goals: Rollup
    threshold: int


def _rollup(
    session: DbSession,
    keys: Iterable[int],
    label: Callable[[int], str],
    members: Callable[[Theme], Iterable[int]],
    themes: list[Theme],
    language: str,
    inputs: list[ProgrammeInput],
    threshold: int,
    suppress: bool,
) -> Rollup:
    keys = list(keys)
    theme_ids: dict[int, list[int]] = defaultdict(list)
    names: dict[int, list[str]] = defaultdict(list)
    for theme in themes:
        for key in members(theme):
            theme_ids[key].append(theme.id)
            if theme.active and theme.merged_into_id is None:
                names[key].append(theme.label(language))
    counts: dict[tuple[int, str], int] = {}
    totals: dict[int, int] = {}
    for key in keys:
        if not theme_ids[key]:
            continue
        themes_filter = ThemeFilter(theme_ids=theme_ids[key])
        for year, n in source_counts(session, Dimension.YEAR, themes_filter).items():
            if year != UNKNOWN:
                counts[(key, year)] = n
        totals[key] = source_counts(session, None, themes_filter).get(UNKNOWN, 0)
    years = sorted({year for _key, year in counts})
    # Rows overlap (one source can raise themes of several pillars), so the columns get no totals: only each row's
    # own total of distinct sources, which is the sum of its years.
    sources = disclose_table(counts, keys, years, threshold=threshold, suppress=suppress, row_totals=totals)
    per_status: dict[tuple[int, str], int] = defaultdict(int)
    for item in inputs:
        for key in members(item.theme):
            per_status[(key, item.status.value)] += 1
    statuses = tuple(
        (status.value, status_label(status)) for status in InputStatus if any(s == status for _k, s in per_status)
    )
    return Rollup(
        labels={key: label(key) for key in keys},
        themes={key: tuple(sorted(names[key], key=str.casefold)) for key in keys},
        sources=sources,
        inputs=dict(per_status),
        statuses=statuses,
    )


def programme_rollups(session: DbSession, *, language: str, threshold: int, suppress: bool) -> Rollups:
    """Both roll-ups, names in ``language`` (call inside the request or ``force_locale``)."""
    themes = list(session.scalars(select(Theme)))
    inputs = list(session.scalars(select(ProgrammeInput)))
    pillars = _rollup(
        session,
        (pillar.value for pillar in Pillar),
        pillar_label,
        lambda theme: [theme.pillar],
        themes,
        language,
        inputs,
        threshold,
        suppress,
    )
    goals = _rollup(
        session,
        STRATEGIC_GOALS,
        goal_label,
        lambda theme: sorted(set(theme.goals or [])),
        themes,
        language,
        inputs,
        threshold,
        suppress,
    )
    return Rollups(pillars, goals, threshold)


def targets_per_status(progress: Iterable[Progress], *, by_goal: bool) -> dict[tuple[int, str], int]:
    """(pillar or strategic goal, progress status) -> targets: how the operational goals of each are doing.

    Targets count goals the bureau set, not people, so they are shown as they are; a target without a pillar (or
    goal) is left out of that roll-up."""
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for item in progress:
        key = item.target.goal if by_goal else item.target.pillar
        if key is not None:
            counts[(key, item.status.value)] += 1
    return dict(counts)
