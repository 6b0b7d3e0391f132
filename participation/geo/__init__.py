"""Geodata and geocoding: CBS wijken and buurten, 100 m blocks, streets and addresses. No Flask request in here.

Besides what this module exports: ``areas`` (reads on the stored areas), ``area_sync`` (writing the boundaries into
the database), ``locations`` (storing geocoded locations) and ``app_geocoder`` (the geocoder cached per app). They
use the database models or the app, so they are imported by their own path and not loaded here.
"""

from participation.geo.addresses import Address, normalise_addition, normalise_postcode
from participation.geo.blocks import block_centre, block_id, parse_block_id, point_to_store
from participation.geo.boundaries import Boundaries, Buurt, Wijk, available_years, load_boundaries
from participation.geo.errors import (
    FocusAreaError,
    GeoDataError,
    GeoImportError,
    InvalidCoordinates,
    InvalidPostcode,
)
from participation.geo.focus import resolve_focus_area
from participation.geo.geocoder import (
    OUTSIDE_LOCATION,
    GeocodedAddress,
    Geocoder,
    LocatedBatch,
    Location,
    build_geocoder,
    clear_geocoder_cache,
    load_geocoder,
    moved_points,
    relocate,
)
from participation.geo.streets import StreetMatch

__all__ = [
    "OUTSIDE_LOCATION",
    "Address",
    "Boundaries",
    "Buurt",
    "FocusAreaError",
    "GeoDataError",
    "GeoImportError",
    "GeocodedAddress",
    "Geocoder",
    "InvalidCoordinates",
    "InvalidPostcode",
    "LocatedBatch",
    "Location",
    "StreetMatch",
    "Wijk",
    "available_years",
    "block_centre",
    "block_id",
    "build_geocoder",
    "clear_geocoder_cache",
    "load_boundaries",
    "load_geocoder",
    "moved_points",
    "normalise_addition",
    "normalise_postcode",
    "parse_block_id",
    "point_to_store",
    "relocate",
    "resolve_focus_area",
]
