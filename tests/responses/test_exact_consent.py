"""A resident may let the exact point be kept (``exact_consent``); without it only the point's 100 m block is."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from participation.extensions import db
from participation.models import LocationPrecision, StoredLocation
from participation.surveys.places import parse_location, validate_location
from tests.factories import ANSWERS

URL = "/api/v1/surveys/bewonersenquete/responses"
LAT, LON = 51.801234, 4.671876


def test_the_form_reads_the_consent_only_for_a_point() -> None:
    fields = {"lat": "51.8", "lon": "4.67", "source": "map", "exact_consent": "yes"}
    assert parse_location("map", fields) == {"lat": 51.8, "lon": 4.67, "source": "map", "exact_consent": True}
    assert "exact_consent" not in parse_location("map", {**fields, "exact_consent": ""})  # type: ignore[operator]
    assert parse_location("buurt", {"buurt": "BU05050300", "exact_consent": "yes"}) == {
        "buurt": "BU05050300",
        "street": None,
    }


@pytest.mark.parametrize("consent", [True, False])
def test_a_point_may_say_yes_or_no(consent: bool) -> None:
    assert validate_location({"lat": LAT, "lon": LON, "source": "gps", "exact_consent": consent}) is None


@pytest.mark.parametrize(
    "value",
    [
        {"lat": LAT, "lon": LON, "source": "gps", "exact_consent": "yes"},
        {"lat": LAT, "lon": LON, "source": "gps", "exact_consent": 1},
        {"buurt": "BU05050300", "exact_consent": True},
    ],
)
def test_anything_else_is_refused(value: dict[str, Any]) -> None:
    error = validate_location(value)
    assert error is not None and error.code == "invalid_location"


@pytest.mark.parametrize(
    ("consent", "precision", "exact"), [(True, LocationPrecision.EXACT, True), (False, LocationPrecision.BLOCK, False)]
)
def test_the_api_keeps_the_exact_point_only_with_consent(
    loaded_app: Flask, consent: bool, precision: LocationPrecision, exact: bool
) -> None:
    location = {"lat": LAT, "lon": LON, "exact_consent": consent}
    response = loaded_app.test_client().post(URL, json={"answers": ANSWERS, "location": location})
    assert response.status_code == 201, response.get_json()
    with loaded_app.app_context():
        stored = db.session.scalar(select(StoredLocation))
        assert stored is not None and stored.precision is precision
        assert ((stored.latitude, stored.longitude) == (LAT, LON)) is exact
