"""Location answers of every kind, geocoded; refused ones get an error code with a message."""

from pathlib import Path

import pytest

from participation.geo import load_geocoder
from participation.models import LocationPrecision
from participation.responses.places import resolve_location
from participation.surveys.errors import AnswerError

GEODATA = Path(__file__).resolve().parents[2] / "geodata"


@pytest.fixture
def geocoder():  # type: ignore[no-untyped-def]
    return load_geocoder(GEODATA, "kern")


def test_skipped_is_no_location(geocoder) -> None:  # type: ignore[no-untyped-def]
    assert resolve_location(geocoder, {"skipped": True}) is None
    assert resolve_location(geocoder, None) is None


def test_a_buurt_from_the_list(geocoder) -> None:  # type: ignore[no-untyped-def]
    stored = resolve_location(geocoder, {"buurt": "BU05050401", "street": None})
    assert not isinstance(stored, AnswerError) and stored is not None
    assert stored.precision is LocationPrecision.BUURT and stored.wijk_code == "WK050504" and stored.in_focus_area


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ({"buurt": "BU99999999"}, "buurt_unknown"),
        ({"postcode": "3317 AB", "number": 12}, "address_register_missing"),
        ({"postcode": "nope", "number": 12}, "invalid_postcode"),
        ({"postcode": "3317 AB", "number": "twelve"}, "invalid_house_number"),
        ({"lat": 52.37, "lon": 4.89, "source": "gps"}, "outside"),
        ({"lat": float("nan"), "lon": 4.6, "source": "gps"}, "invalid_location"),
        ({"lat": True, "lon": 4.6, "source": "gps"}, "invalid_location"),
        ({"something": 1}, "invalid_location"),
    ],
)
def test_refused_locations_say_why(geocoder, value, code) -> None:  # type: ignore[no-untyped-def]
    result = resolve_location(geocoder, value)
    assert isinstance(result, AnswerError) and result.code == code
    assert result.message
