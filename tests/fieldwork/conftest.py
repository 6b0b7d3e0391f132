"""Fixtures for the field-work domain: a database session in an app context, staff of two organisations, themes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import count

import pytest
from flask import Flask
from sqlalchemy.orm import scoped_session

from participation.accounts.operations import create_staff_user, ensure_organisation
from participation.extensions import db
from participation.models import LocationPrecision, Role, StaffUser, StoredLocation, Theme
from participation.models.base import utcnow
from tests.conftest import TEST_PASSWORD

ORGANISATION_A = "Welzijn Dordrecht"
ORGANISATION_B = "Woonbron"


@pytest.fixture
def session(app: Flask) -> Iterator[scoped_session[object]]:
    """The app's database session, inside an app context for the whole test (domain tests make no requests)."""
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def make_user(session: scoped_session[object]) -> Callable[..., StaffUser]:
    """``make_user(Role.ANALYST, ORGANISATION_B)``: a staff member, flushed."""
    numbers = count(1)

    def create(role: Role = Role.PROFESSIONAL, organisation: str = ORGANISATION_A) -> StaffUser:
        org = ensure_organisation(session, organisation)
        return create_staff_user(
            session,
            email=f"{role.value}{next(numbers)}@example.org",
            password=TEST_PASSWORD,
            role=role,
            organisation=org,
        )

    return create


@pytest.fixture
def professional_a(make_user: Callable[..., StaffUser]) -> StaffUser:
    return make_user(Role.PROFESSIONAL, ORGANISATION_A)


@pytest.fixture
def professional_b(make_user: Callable[..., StaffUser]) -> StaffUser:
    return make_user(Role.PROFESSIONAL, ORGANISATION_B)


@pytest.fixture
def analyst(make_user: Callable[..., StaffUser]) -> StaffUser:
    return make_user(Role.ANALYST, "Programmabureau Dordt West")


@pytest.fixture
def admin(make_user: Callable[..., StaffUser]) -> StaffUser:
    return make_user(Role.ADMIN, "Gemeente Dordrecht")


def a_location(buurt: str = "BU05050300", street: str | None = None) -> StoredLocation:
    """A location as a list choice makes it, without needing the geocoder."""
    return StoredLocation(
        latitude=None,
        longitude=None,
        precision=LocationPrecision.STREET if street else LocationPrecision.BUURT,
        inside=True,
        boundary_year=2024,
        wijk_code=buurt[:8].replace("BU", "WK"),
        buurt_code=buurt,
        block_id=None,
        street_name=street,
        in_focus_area=True,
        geocoded_at=utcnow(),
    )


@pytest.fixture
def themes(session: scoped_session[object]) -> list[Theme]:
    """Three themes, the last one retired (until the codebook arrives through ``flask content load``)."""
    made = [
        Theme(code="litter", label_nl="Zwerfafval", label_en="Litter", pillar=1, goals=[1]),
        Theme(code="loneliness", label_nl="Eenzaamheid", label_en="Loneliness", pillar=2, goals=[4]),
        Theme(code="old_theme", label_nl="Oud thema", label_en="Old theme", pillar=5, goals=[9], active=False),
    ]
    session.add_all(made)
    session.flush()
    return made
