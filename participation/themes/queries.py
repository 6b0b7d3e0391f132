"""Reading the codebook for pages: themes grouped by pillar, and how many codings each theme has."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from participation.models.base import DbSession
from participation.models.themes import Pillar, Theme, ThemeCoding


@dataclass(frozen=True)
class PillarThemes:
    """One pillar with its themes in label order; merged themes are left out."""

    pillar: Pillar
    themes: list[Theme]


def themes_by_pillar(session: DbSession, language: str = "en") -> list[PillarThemes]:
    """Every pillar in its order with its active themes, sorted by their label in ``language``."""
    themes = session.scalars(select(Theme).where(Theme.merged_into_id.is_(None))).all()
    return [
        PillarThemes(
            pillar,
            sorted((theme for theme in themes if theme.pillar == pillar), key=lambda t: t.label(language).casefold()),
        )
        for pillar in Pillar
    ]


def coding_counts(session: DbSession) -> dict[int, int]:
    """The number of codings per theme id; themes without codings are missing (count 0)."""
    rows = session.execute(select(ThemeCoding.theme_id, func.count()).group_by(ThemeCoding.theme_id))
    return {int(theme_id): int(count) for theme_id, count in rows}


def merge_targets(session: DbSession, source: Theme, language: str = "en") -> list[Theme]:
    """The themes ``source`` can be merged into: every other active theme, by label."""
    themes = session.scalars(
        select(Theme).where(Theme.id != source.id, Theme.active.is_(True), Theme.merged_into_id.is_(None))
    ).all()
    return sorted(themes, key=lambda theme: theme.label(language).casefold())


def find_theme(session: DbSession, code: str) -> Theme | None:
    """The theme with this code, merged or not."""
    return session.scalar(select(Theme).where(Theme.code == code))
