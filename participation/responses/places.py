"""Turning a location answer (a tapped point, an address, a buurt from a list) into a stored location."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from participation.geo import (
    Geocoder,
    GeoDataError,
    InvalidCoordinates,
    InvalidPostcode,
    normalise_postcode,
    point_to_store,
)
from participation.geo.locations import place
from participation.models import LocationPrecision, StoredLocation
from participation.models.base import utcnow
from participation.surveys.errors import AnswerError

# A typed street name must match a registered one this well (0-100) to be kept as that street.
STREET_MATCH_SCORE = 85.0


def resolve_location(geocoder: Geocoder, value: Mapping[str, Any] | None) -> StoredLocation | AnswerError | None:
    """Where the answer points, geocoded; None when the resident skipped the question."""
    if not value or value.get("skipped"):
        return None
    if "lat" in value and "lon" in value:
        return _from_point(geocoder, value["lat"], value["lon"], exact_consent=value.get("exact_consent") is True)
    if "postcode" in value:
        return _from_address(geocoder, value)
    if "buurt" in value:
        return _from_list(geocoder, str(value["buurt"]), value.get("street"))
    return AnswerError("invalid_location")


def point_for_draft(value: Any) -> Any:
    """A location answer as a draft may keep it: the same rule as a stored response (``place``), so a tapped point
    without the resident's consent to keep it exactly becomes the centre of its 100 m block. Only answers already
    found valid are saved; anything that is not a point is kept as it is.
    """
    if not isinstance(value, Mapping) or value.get("exact_consent") is True:
        return value
    point = _coordinates(value.get("lat"), value.get("lon"))
    if point is None:
        return value
    stored = point_to_store(*point, exact_consent=False)
    if stored is None:
        # Off the RD grid there is no block to stand in for the point: keep no coordinates at all.
        return {key: item for key, item in value.items() if key not in {"lat", "lon"}}
    return {**value, "lat": stored[0], "lon": stored[1]}


def _coordinates(lat: Any, lon: Any) -> tuple[float, float] | None:
    """The point as two finite numbers, or None when it is not one (true and false are no coordinates)."""
    if (
        isinstance(lat, bool)
        or isinstance(lon, bool)
        or not isinstance(lat, int | float)
        or not isinstance(lon, int | float)
    ):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return float(lat), float(lon)


def _from_point(geocoder: Geocoder, lat: Any, lon: Any, *, exact_consent: bool) -> StoredLocation | AnswerError:
    point = _coordinates(lat, lon)
    if point is None:
        return AnswerError("invalid_location")
    try:
        stored = place(geocoder, *point, exact_consent=exact_consent)
    except InvalidCoordinates:
        return AnswerError("invalid_location")
    return stored if stored.inside else AnswerError("outside")


def _from_address(geocoder: Geocoder, value: Mapping[str, Any]) -> StoredLocation | AnswerError:
    number = value.get("number")
    if isinstance(number, bool) or not isinstance(number, int):
        return AnswerError("invalid_house_number")
    try:
        postcode = normalise_postcode(str(value["postcode"]))
        found = geocoder.geocode(postcode, number, value.get("addition") or None)
    except InvalidPostcode:
        return AnswerError("invalid_postcode")
    except GeoDataError:
        return AnswerError("address_register_missing")
    if found is None:
        return AnswerError("address_unknown")
    # An address points at one household: keep only its block, whatever was typed.
    return _from_point(geocoder, found.address.lat, found.address.lon, exact_consent=False)


def _from_list(geocoder: Geocoder, buurt_code: str, street: Any) -> StoredLocation | AnswerError:
    buurt = next((candidate for candidate in geocoder.boundaries.buurten if candidate.code == buurt_code), None)
    if buurt is None:
        return AnswerError("buurt_unknown")
    street_name = None
    if isinstance(street, str) and street.strip():
        matches = geocoder.search_streets(street.strip(), limit=1)
        if matches and matches[0].score >= STREET_MATCH_SCORE:
            street_name = matches[0].name
    return StoredLocation(
        latitude=None,
        longitude=None,
        precision=LocationPrecision.STREET if street_name else LocationPrecision.BUURT,
        inside=True,
        boundary_year=geocoder.year,
        wijk_code=buurt.wijk_code,
        buurt_code=buurt.code,
        block_id=None,
        street_name=street_name,
        in_focus_area=buurt.code in geocoder.focus_codes,
        geocoded_at=utcnow(),
    )


def location_summary(location: StoredLocation) -> dict[str, Any]:
    """What an answer keeps of a location: the areas, never the point itself."""
    return {
        "wijk": location.wijk_code,
        "buurt": location.buurt_code,
        "block": location.block_id,
        "street": location.street_name,
        "precision": location.precision.value,
    }
