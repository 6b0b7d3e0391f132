"""The disclosure policy: who sees suppressed figures, and at which threshold."""

from __future__ import annotations

import pytest

from participation.disclosure import DisclosurePolicy
from participation.models import Role

SETTINGS = {"SMALL_COUNT_THRESHOLD": 5}


@pytest.mark.parametrize(
    ("role", "applies"), [(None, True), (Role.PROFESSIONAL, True), (Role.ANALYST, True), (Role.ADMIN, False)]
)
def test_suppression_applies_below_admin(role: Role | None, applies: bool) -> None:
    assert DisclosurePolicy.for_viewer(role, SETTINGS).suppress is applies


def test_the_threshold_is_the_setting() -> None:
    assert DisclosurePolicy.for_viewer(Role.ANALYST, {"SMALL_COUNT_THRESHOLD": "10"}) == DisclosurePolicy(10, True)
