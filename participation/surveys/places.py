"""The answer to a location question, before the survey layer geocodes it.

A resident gives a place in one of four ways, or skips the question:

- ``{"lat": 51.80, "lon": 4.66, "source": "map" | "gps"}``: a tap on the map or "use my location", with
  ``"exact_consent": true`` when the resident lets the exact point be kept (otherwise only its 100 m block is);
- ``{"postcode": "3317 AB", "number": 12, "addition": "A" | None}``: an address;
- ``{"buurt": "BU05050401", "street": "Brouwersdijk" | None}``: chosen from the lists;
- ``{"skipped": True}``.

A place given together with "I would rather not say" is kept as both, so that validation refuses it with
``skipped_with_place`` rather than silently dropping one of the two.

Whether the place lies inside the municipality is decided by the geocoding layer (error code ``outside``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from participation.surveys.errors import AnswerError

SOURCES = frozenset(("map", "gps"))
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")
BUURT_CODE = re.compile(r"^BU[0-9]{8}$")
LIMITS = {"addition": 10, "street": 200}
SHAPES = (
    frozenset(("lat", "lon", "source", "exact_consent")),
    frozenset(("postcode", "number", "addition")),
    frozenset(("buurt", "street")),
    frozenset(("skipped",)),
)


def _float(text: str | None) -> float | str | None:
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _int(text: str | None) -> int | str | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text


def parse_location(mode: str, fields: Mapping[str, str]) -> dict[str, Any] | None:
    """The location answer from the form: ``mode`` is the chosen way (map, gps, address, buurt, skip), or empty
    when the form did not say, in which case the filled-in fields decide."""
    if not mode:
        mode = next(
            (way for way, key in (("map", "lat"), ("address", "postcode"), ("buurt", "buurt")) if fields.get(key)), ""
        )
    if mode == "skip":
        given = {key: fields[key] for key in ("lat", "postcode", "number", "buurt") if fields.get(key)}
        return {"skipped": True, **given}
    if mode in SOURCES:
        if not fields.get("lat") and not fields.get("lon"):
            return None
        source = fields.get("source") if fields.get("source") in SOURCES else mode
        point: dict[str, Any] = {"lat": _float(fields.get("lat")), "lon": _float(fields.get("lon")), "source": source}
        if fields.get("exact_consent"):
            point["exact_consent"] = True
        return point
    if mode == "address":
        if not fields.get("postcode") and not fields.get("number"):
            return None
        return {
            "postcode": fields.get("postcode", ""),
            "number": _int(fields.get("number")),
            "addition": fields.get("addition") or None,
        }
    if mode == "buurt":
        if not fields.get("buurt"):
            return None
        return {"buurt": fields["buurt"], "street": fields.get("street") or None}
    return None


def normalise_postcode(postcode: str) -> str:
    """``3317ab`` and ``3317 AB`` are the same postcode; the register writes ``3317AB``."""
    return postcode.replace(" ", "").upper()


def _coordinate(value: Any, limit: float) -> bool:
    return (
        not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value) and abs(value) <= limit
    )


def validate_location(value: Any) -> AnswerError | None:
    """Why a location answer is malformed, or ``None``; the place itself is checked when it is geocoded."""
    if isinstance(value, Mapping) and value.get("skipped") is True and len(value) > 1:
        return AnswerError("skipped_with_place")
    if not isinstance(value, Mapping) or not any(set(value) <= shape and value for shape in SHAPES):
        return AnswerError("invalid_location")
    if "skipped" in value:
        return None if value["skipped"] is True else AnswerError("invalid_location")
    if "source" in value or "lat" in value or "lon" in value:
        source = value.get("source")
        if not isinstance(source, str) or source not in SOURCES:
            return AnswerError("invalid_location")
        if not _coordinate(value.get("lat"), 90) or not _coordinate(value.get("lon"), 180):
            return AnswerError("invalid_location")
        if not isinstance(value.get("exact_consent", False), bool):
            return AnswerError("invalid_location")
        return None
    if "postcode" in value or "number" in value:
        postcode = value.get("postcode")
        if not isinstance(postcode, str) or not POSTCODE.match(postcode.strip()):
            return AnswerError("invalid_postcode")
        number = value.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 100_000:
            return AnswerError("invalid_house_number")
        addition = value.get("addition")
        if addition is not None and (not isinstance(addition, str) or len(addition) > LIMITS["addition"]):
            return AnswerError("invalid_location")
        return None
    buurt, street = value.get("buurt"), value.get("street")
    if not isinstance(buurt, str) or not BUURT_CODE.match(buurt):
        return AnswerError("invalid_location")
    if street is not None and (not isinstance(street, str) or not street.strip() or len(street) > LIMITS["street"]):
        return AnswerError("invalid_location")
    return None
