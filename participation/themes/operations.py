"""Analysts' changes to the codebook: create, update and merge themes. Each flushes and writes an audit event;
the caller commits."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, select

from participation.audit import record
from participation.models import StaffUser
from participation.models.base import DbSession
from participation.models.themes import CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes.definition import ThemeDefinition, united_keywords
from participation.themes.errors import ThemeError

# When a merge brings two codings of one text by one coder together, the more decided one stays.
STATUS_WEIGHT = {CodingStatus.ACCEPTED: 2, CodingStatus.PROPOSED: 1, CodingStatus.REJECTED: 0}


@dataclass(frozen=True)
class MergeReport:
    """What a merge did: codings moved to the target, and duplicates of a target coding that were dropped."""

    moved: int
    dropped: int


def _check_code_free(session: DbSession, code: str) -> None:
    # Merged themes keep their code, so a new theme cannot take it over either.
    if session.scalar(select(Theme.id).where(Theme.code == code)) is not None:
        raise ThemeError("code", "code_taken")


def create_theme(session: DbSession, definition: ThemeDefinition, actor: StaffUser | None) -> Theme:
    """Add a theme to the codebook, or raise ``ThemeError`` when the definition breaks a rule."""
    definition = definition.validated()
    _check_code_free(session, definition.code)
    theme = Theme(**definition.fields(), active=True)
    session.add(theme)
    session.flush()
    record(session, "theme.created", actor=actor, subject=theme, code=theme.code)
    return theme


def update_theme(session: DbSession, theme: Theme, definition: ThemeDefinition, actor: StaffUser | None) -> bool:
    """Change a theme's labels, description, pillar, goals or keywords; returns whether anything changed (no
    audit event when nothing did). The code stays: the codebook file, suggestions and exports refer to it."""
    if theme.merged_into_id is not None:
        raise ThemeError("code", "merged_already")
    definition = definition.validated()
    if definition.code != theme.code:
        raise ThemeError("code", "code_fixed")
    changed = {name: value for name, value in definition.fields().items() if getattr(theme, name) != value}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(theme, name, value)
    session.flush()
    record(session, "theme.updated", actor=actor, subject=theme, code=theme.code, fields=sorted(changed))
    return True


def codings_of(session: DbSession, theme: Theme) -> list[ThemeCoding]:
    """Every coding of a theme, e.g. to say how many a merge would move."""
    return list(session.scalars(select(ThemeCoding).where(ThemeCoding.theme_id == theme.id)))


def delete_codings_of(session: DbSession, subject_type: SubjectType, subject_ids: Collection[int]) -> int:
    """Delete every coding of these texts (suggestions keep the words they matched); returns how many.

    For texts that are themselves deleted: a coding of a gone text could otherwise attach to a later text that
    gets the same id. The caller audits the deletion of the texts.
    """
    if not subject_ids:
        return 0
    result = session.execute(
        delete(ThemeCoding).where(
            ThemeCoding.subject_type == SubjectType(subject_type), ThemeCoding.subject_id.in_(list(subject_ids))
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def merge_themes(session: DbSession, source: Theme, target: Theme, actor: StaffUser | None) -> MergeReport:
    """Fold ``source`` into ``target``: its codings and keywords move over, and it stays as an inactive theme
    that points at ``target``, so old links and reports still resolve.

    A coding of the same text by the same coder (and the same double-coding pass) that the target has already
    would break the unique rule; of the two, the more decided one stays (accepted over proposed over rejected).
    """
    if source.id == target.id:
        raise ThemeError("target", "merge_same")
    if not target.active or target.merged_into_id is not None:
        raise ThemeError("target", "merge_inactive")
    if source.merged_into_id is not None:
        raise ThemeError("target", "merged_already")
    existing = {_key(coding): coding for coding in codings_of(session, target)}
    moved = dropped = 0
    for coding in codings_of(session, source):
        kept = existing.get(_key(coding))
        if kept is None:
            coding.theme_id = target.id
            coding.details = {**(coding.details or {}), "merged_from": source.code}
            moved += 1
            continue
        if STATUS_WEIGHT[coding.status] > STATUS_WEIGHT[kept.status]:
            kept.status, kept.origin, kept.confidence = coding.status, coding.origin, coding.confidence
        session.delete(coding)
        dropped += 1
    target.keywords = united_keywords(target.keywords or {}, source.keywords or {})
    source.active = False
    source.merged_into_id = target.id
    # Themes merged into the source earlier now point at where the source went, so no chain needs following.
    for earlier in session.scalars(select(Theme).where(Theme.merged_into_id == source.id, Theme.id != source.id)):
        earlier.merged_into_id = target.id
    session.flush()
    record(
        session,
        "theme.merged",
        actor=actor,
        subject=source,
        code=source.code,
        into=target.code,
        moved=moved,
        dropped=dropped,
    )
    return MergeReport(moved=moved, dropped=dropped)


def _key(coding: ThemeCoding) -> tuple[str, int, int | None, bool]:
    return (str(coding.subject_type), coding.subject_id, coding.coded_by_id, bool(coding.double_code))
