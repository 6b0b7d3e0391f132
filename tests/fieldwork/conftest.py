"""Fixtures for the field-work domain: staff of two organisations, themes."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

import pytest

from participation.accounts.operations import create_staff_user, ensure_organisation
from participation.models import Role, StaffUser, Theme
from participation.models.base import DbSession
from tests.factories import ORGANISATION_A, ORGANISATION_B, TEST_PASSWORD


@pytest.fixture
def make_user(session: DbSession) -> Callable[..., StaffUser]:
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


@pytest.fixture
def themes(session: DbSession) -> list[Theme]:
    """Three themes, the last one retired (until the codebook arrives through ``flask content load``)."""
    made = [
        Theme(code="litter", label_nl="Zwerfafval", label_en="Litter", pillar=1, goals=[1]),
        Theme(code="loneliness", label_nl="Eenzaamheid", label_en="Loneliness", pillar=2, goals=[4]),
        Theme(code="old_theme", label_nl="Oud thema", label_en="Old theme", pillar=5, goals=[9], active=False),
    ]
    session.add_all(made)
    session.flush()
    return made
