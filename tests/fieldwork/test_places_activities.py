"""The connect line's registers: places with a location and a contact organisation; activities with a date, a
place or location, a line, attendance and the themes raised."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import scoped_session

from participation.fieldwork.access import AccessDenied
from participation.fieldwork.activities import (
    ActivityInput,
    activities_for,
    create_activity,
    themes_of,
    update_activity,
)
from participation.fieldwork.errors import InvalidRecord
from participation.fieldwork.places import PlaceInput, create_place, places_for, update_place
from participation.models import (
    ActivityKind,
    CodingOrigin,
    CodingStatus,
    Place,
    PlaceKind,
    StaffUser,
    StoredLocation,
    SubjectType,
    Theme,
    ThemeCoding,
)
from participation.models.lines import ParticipationLine
from tests.factories import a_location


def _place(session: scoped_session[object], user: StaffUser) -> Place:
    data = PlaceInput(
        name=" Moskee Mevlana ",
        kind="place_of_worship",
        moment="Friday prayers",
        contact_organisation="Stichting Mevlana",
        location=a_location("BU05050401"),
    )
    return create_place(session, data, created_by=user)


def _activity(**changes: object) -> ActivityInput:
    values: dict[str, object] = {
        "client_id": "device-1",
        "title": "Buurtwandeling Wielwijk",
        "kind": "neighbourhood_walk",
        "held_on": date(2025, 5, 14),
        "line": "connect",
        "attendance": 12,
        "location": a_location("BU05050700"),
    }
    values.update(changes)
    return ActivityInput(**values)  # type: ignore[arg-type]


def test_a_place_is_registered_for_the_professionals_organisation(
    session: scoped_session[object], professional_a: StaffUser, professional_b: StaffUser
) -> None:
    place = _place(session, professional_a)
    assert (place.name, place.kind, place.moment) == ("Moskee Mevlana", PlaceKind.PLACE_OF_WORSHIP, "Friday prayers")
    assert place.organisation_id == professional_a.organisation_id
    assert place.created_by_id == professional_a.id
    assert place.location is not None and place.location.buurt_code == "BU05050401"
    assert places_for(session, professional_a) == [place]
    assert places_for(session, professional_b) == []


def test_a_place_needs_a_name_kind_location_and_contact_organisation(
    session: scoped_session[object], professional_a: StaffUser
) -> None:
    with pytest.raises(InvalidRecord) as refused:
        create_place(session, PlaceInput(name=" ", kind="castle"), created_by=professional_a)
    assert refused.value.errors == {
        "name": "required",
        "kind": "invalid_choice",
        "contact_organisation": "required",
        "location": "required",
    }
    with pytest.raises(InvalidRecord) as refused:
        data = PlaceInput(name="x" * 201, kind="market", contact_organisation="Markt", location=a_location())
        create_place(session, data, created_by=professional_a)
    assert refused.value.errors == {"name": "too_long"}


def test_changing_a_place_replaces_its_location_and_keeps_an_unchanged_one(
    session: scoped_session[object], professional_a: StaffUser, professional_b: StaffUser
) -> None:
    place = _place(session, professional_a)
    first = place.location
    same = PlaceInput(
        name="Moskee", kind="place_of_worship", contact_organisation="Stichting", location=a_location("BU05050401")
    )
    update_place(session, place, same, editor=professional_a)
    assert place.location is first
    moved = PlaceInput(name="Moskee", kind="place_of_worship", contact_organisation="Stichting", location=a_location())
    update_place(session, place, moved, editor=professional_a)
    assert place.location is not None and place.location.buurt_code == "BU05050300"
    assert session.scalar(select(func.count()).select_from(StoredLocation)) == 1
    with pytest.raises(AccessDenied):
        update_place(session, place, moved, editor=professional_b)


def test_an_activity_records_its_themes_as_accepted_professional_codings(
    session: scoped_session[object], professional_a: StaffUser, themes: list[Theme]
) -> None:
    litter, loneliness, _retired = themes
    activity = create_activity(session, _activity(theme_ids=[litter.id, loneliness.id]), author=professional_a)
    assert (activity.kind, activity.line, activity.attendance) == (
        ActivityKind.NEIGHBOURHOOD_WALK,
        ParticipationLine.CONNECT,
        12,
    )
    codings = session.scalars(select(ThemeCoding).order_by(ThemeCoding.theme_id)).all()
    assert [(c.theme_id, c.subject_type, c.subject_id) for c in codings] == [
        (litter.id, SubjectType.ACTIVITY, activity.id),
        (loneliness.id, SubjectType.ACTIVITY, activity.id),
    ]
    assert {(c.origin, c.status, c.coded_by_id) for c in codings} == {
        (CodingOrigin.PROFESSIONAL, CodingStatus.ACCEPTED, professional_a.id)
    }
    assert themes_of(session, [activity.id]) == {activity.id: [litter, loneliness]}


def test_changing_the_themes_keeps_an_analysts_coding(
    session: scoped_session[object], professional_a: StaffUser, analyst: StaffUser, themes: list[Theme]
) -> None:
    litter, loneliness, _retired = themes
    activity = create_activity(session, _activity(theme_ids=[litter.id]), author=professional_a)
    session.add(
        ThemeCoding(
            theme_id=litter.id,
            subject_type=SubjectType.ACTIVITY,
            subject_id=activity.id,
            origin=CodingOrigin.ANALYST,
            status=CodingStatus.ACCEPTED,
            coded_by_id=analyst.id,
        )
    )
    session.flush()
    update_activity(session, activity, _activity(theme_ids=[loneliness.id]), editor=professional_a)
    left = session.execute(select(ThemeCoding.theme_id, ThemeCoding.origin).order_by(ThemeCoding.id)).all()
    assert sorted(left) == sorted([(litter.id, CodingOrigin.ANALYST), (loneliness.id, CodingOrigin.PROFESSIONAL)])


def test_an_activity_is_refused_with_a_retired_theme_or_without_place_and_location(
    session: scoped_session[object], professional_a: StaffUser, themes: list[Theme]
) -> None:
    with pytest.raises(InvalidRecord) as refused:
        create_activity(
            session,
            _activity(location=None, theme_ids=[themes[2].id], attendance=-1, held_on=None, kind="party"),
            author=professional_a,
        )
    assert refused.value.errors == {
        "place": "place_or_location_required",
        "themes": "unknown",
        "attendance": "out_of_range",
        "held_on": "required",
        "kind": "invalid_choice",
    }


def test_an_activity_at_another_organisations_place_is_refused_as_unknown(
    session: scoped_session[object], professional_a: StaffUser, professional_b: StaffUser
) -> None:
    place_of_b = _place(session, professional_b)
    with pytest.raises(InvalidRecord) as refused:
        create_activity(session, _activity(place_id=place_of_b.id, location=None), author=professional_a)
    assert refused.value.errors == {"place": "unknown"}
    own = _place(session, professional_a)
    activity = create_activity(session, _activity(place_id=own.id, location=None), author=professional_a)
    assert activity.place is own and activity.location is None


def test_sending_the_same_activity_twice_stores_it_once(
    session: scoped_session[object], professional_a: StaffUser, professional_b: StaffUser
) -> None:
    first = create_activity(session, _activity(), author=professional_a)
    again = create_activity(session, _activity(title="Changed on the way"), author=professional_a)
    assert again is first
    assert activities_for(session, professional_a) == [first]
    assert activities_for(session, professional_b) == []
    with pytest.raises(InvalidRecord):
        create_activity(session, _activity(), author=professional_b)
