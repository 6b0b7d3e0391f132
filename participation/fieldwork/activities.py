"""Activities (meetings, sessions, neighbourhood walks): when, where, which line, how many came, which themes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, delete, select

from participation.fieldwork.access import can_read, require_edit, visible_to
from participation.fieldwork.errors import InvalidRecord
from participation.fieldwork.places import check_text, parse_choice, replace_location
from participation.models import (
    Activity,
    ActivityKind,
    CodingOrigin,
    CodingStatus,
    Place,
    StaffUser,
    StoredLocation,
    SubjectType,
    Theme,
    ThemeCoding,
)
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine

TITLE_LENGTH = 200
NOTES_LENGTH = 4000
CLIENT_ID_LENGTH = 64
# More than a large neighbourhood festival: a typo, not an attendance.
MAX_ATTENDANCE = 10_000


@dataclass(frozen=True)
class ActivityInput:
    """An activity as a professional describes it: a place from the register, or a geocoded location, or both."""

    client_id: str
    title: str
    kind: str
    held_on: date | None
    line: str = ParticipationLine.CONNECT.value
    attendance: int | None = 0
    notes: str = ""
    place_id: int | None = None
    location: StoredLocation | None = None
    theme_ids: Collection[int] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Checked:
    title: str
    kind: ActivityKind
    held_on: date
    line: ParticipationLine
    attendance: int
    notes: str
    place: Place | None
    themes: list[Theme]


def _check(session: DbSession, data: ActivityInput, user: StaffUser) -> _Checked:
    errors: dict[str, str] = {}
    title = check_text(errors, "title", data.title, required=True, max_length=TITLE_LENGTH)
    notes = check_text(errors, "notes", data.notes, required=False, max_length=NOTES_LENGTH)
    kind = parse_choice(errors, "kind", ActivityKind, data.kind)
    line = parse_choice(errors, "line", ParticipationLine, data.line)
    if data.held_on is None:
        errors["held_on"] = "required"
    if data.attendance is None or not 0 <= data.attendance <= MAX_ATTENDANCE:
        errors["attendance"] = "out_of_range"
    place = session.get(Place, data.place_id) if data.place_id is not None else None
    # A place the professional cannot see is refused as unknown, so its existence is not given away.
    if data.place_id is not None and (place is None or not can_read(user, place)):
        errors["place"] = "unknown"
    elif place is None and data.location is None:
        errors["place"] = "place_or_location_required"
    themes = _active_themes(session, data.theme_ids)
    if len(themes) != len(set(data.theme_ids)):
        errors["themes"] = "unknown"
    if errors or kind is None or line is None or data.held_on is None or data.attendance is None:
        raise InvalidRecord(errors)
    return _Checked(title, kind, data.held_on, line, data.attendance, notes, place, themes)


def _active_themes(session: DbSession, theme_ids: Collection[int]) -> list[Theme]:
    if not theme_ids:
        return []
    query = select(Theme).where(Theme.id.in_(set(theme_ids)), Theme.active.is_(True)).order_by(Theme.id)
    return list(session.scalars(query))


def create_activity(session: DbSession, data: ActivityInput, *, author: StaffUser) -> Activity:
    """Log an activity for the author's organisation, with the themes raised as accepted professional codings.

    The ``client_id`` is made by the form (or the device); sending the same form twice returns the first activity.
    """
    client_id = data.client_id.strip()
    if not client_id or len(client_id) > CLIENT_ID_LENGTH:
        raise InvalidRecord({"client_id": "invalid"})
    existing = session.scalar(select(Activity).where(Activity.client_id == client_id))
    if existing is not None:
        if existing.author_id != author.id:
            raise InvalidRecord({"client_id": "invalid"})
        return existing
    checked = _check(session, data, author)
    if data.location is not None:
        session.add(data.location)
    activity = Activity(
        client_id=client_id,
        title=checked.title,
        kind=checked.kind,
        held_on=checked.held_on,
        line=checked.line,
        attendance=checked.attendance,
        notes=checked.notes,
        place=checked.place,
        location=data.location,
        organisation_id=author.organisation_id,
        author_id=author.id,
    )
    session.add(activity)
    session.flush()
    _set_themes(session, activity, checked.themes, author)
    session.flush()
    return activity


def update_activity(session: DbSession, activity: Activity, data: ActivityInput, *, editor: StaffUser) -> Activity:
    """Change an activity, if ``editor`` may (``AccessDenied`` otherwise); themes become exactly those given."""
    require_edit(editor, activity)
    checked = _check(session, data, editor)
    activity.title, activity.kind, activity.held_on = checked.title, checked.kind, checked.held_on
    activity.line, activity.attendance, activity.notes = checked.line, checked.attendance, checked.notes
    activity.place = checked.place
    replace_location(session, activity, data.location)
    _set_themes(session, activity, checked.themes, editor)
    session.flush()
    return activity


def _professional_codings(activity_id: int) -> tuple[ColumnElement[bool], ...]:
    return (
        ThemeCoding.subject_type == SubjectType.ACTIVITY,
        ThemeCoding.subject_id == activity_id,
        ThemeCoding.origin == CodingOrigin.PROFESSIONAL,
    )


def _set_themes(session: DbSession, activity: Activity, themes: list[Theme], coder: StaffUser) -> None:
    """Keep the professional codings of the chosen themes, drop the others, add the new ones.

    Codings an analyst made later (origin analyst or suggestion) are theirs and stay untouched.
    """
    wanted = {theme.id for theme in themes}
    current = set(session.scalars(select(ThemeCoding.theme_id).where(*_professional_codings(activity.id))))
    gone = current - wanted
    if gone:
        session.execute(
            delete(ThemeCoding)
            .where(*_professional_codings(activity.id), ThemeCoding.theme_id.in_(gone))
            .execution_options(synchronize_session="fetch")
        )
    for theme_id in sorted(wanted - current):
        session.add(
            ThemeCoding(
                theme_id=theme_id,
                subject_type=SubjectType.ACTIVITY,
                subject_id=activity.id,
                origin=CodingOrigin.PROFESSIONAL,
                status=CodingStatus.ACCEPTED,
                coded_by_id=coder.id,
            )
        )


def themes_of(session: DbSession, activity_ids: Collection[int]) -> dict[int, list[Theme]]:
    """The accepted themes of each activity, for lists and edit forms (one query for a whole page)."""
    found: dict[int, list[Theme]] = {activity_id: [] for activity_id in activity_ids}
    if not activity_ids:
        return found
    rows = session.execute(
        select(ThemeCoding.subject_id, Theme)
        .join(Theme, Theme.id == ThemeCoding.theme_id)
        .where(
            ThemeCoding.subject_type == SubjectType.ACTIVITY,
            ThemeCoding.subject_id.in_(set(activity_ids)),
            ThemeCoding.status == CodingStatus.ACCEPTED,
        )
        .order_by(Theme.label_en)
    ).all()
    for activity_id, theme in rows:
        if all(known.id != theme.id for known in found[activity_id]):
            found[activity_id].append(theme)
    return found


def active_themes(session: DbSession) -> list[Theme]:
    """The codebook's themes a professional may choose from."""
    return list(session.scalars(select(Theme).where(Theme.active.is_(True)).order_by(Theme.label_en)))


def activities_for(session: DbSession, user: StaffUser, *, limit: int = 200) -> list[Activity]:
    """The most recent activities ``user`` may see: the own organisation's, or all for analysts and admins."""
    query = (
        select(Activity)
        .where(visible_to(user, Activity.organisation_id))
        .order_by(Activity.held_on.desc(), Activity.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
