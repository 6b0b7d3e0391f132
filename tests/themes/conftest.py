"""Small factories for themes and codings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from participation.models.base import DbSession
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes import create_theme
from tests.factories import definition


@pytest.fixture
def make_theme(session: DbSession) -> Callable[..., Theme]:
    def make(code: str, **changes: object) -> Theme:
        return create_theme(session, definition(code, **changes), actor=None)

    return make


@pytest.fixture
def make_coding(session: DbSession) -> Callable[..., ThemeCoding]:
    def make(
        theme: Theme,
        subject_id: int,
        coded_by_id: int | None = None,
        *,
        double_code: bool = False,
        status: CodingStatus = CodingStatus.ACCEPTED,
        subject_type: SubjectType = SubjectType.ANSWER,
        origin: CodingOrigin = CodingOrigin.ANALYST,
        confidence: float | None = None,
    ) -> ThemeCoding:
        coding = ThemeCoding(
            theme_id=theme.id,
            subject_type=subject_type,
            subject_id=subject_id,
            origin=origin,
            status=status,
            confidence=confidence,
            double_code=double_code,
            coded_by_id=coded_by_id,
            details={},
        )
        session.add(coding)
        session.flush()
        return coding

    return make
