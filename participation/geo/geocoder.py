"""The geocoder: where a point is in terms the programme plans in (wijk, buurt, block, street, focus area)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from participation.geo.addresses import Address, AddressRegister, addresses_path, load_addresses
from participation.geo.areaindex import OUTSIDE, AreaIndex
from participation.geo.blocks import (
    block_corners,
    block_id_for_rd,
    format_block_ids,
    on_rd_grid,
    wgs84_to_rd,
    wgs84_to_rd_many,
)
from participation.geo.boundaries import Boundaries, Buurt, Wijk, load_boundaries
from participation.geo.errors import GeoDataError, InvalidCoordinates
from participation.geo.focus import resolve_focus_area
from participation.geo.streets import StreetMatch, StreetRegister, load_streets, streets_path


@dataclass(frozen=True, slots=True)
class Location:
    """Where one point lies. Outside the municipality everything is None and focus_area is False."""

    inside: bool
    wijk: Wijk | None
    buurt: Buurt | None
    block_id: str | None
    street: str | None
    focus_area: bool

    def to_json_dict(self) -> dict[str, Any]:
        """The location in the shape of the CLI contract (issue 3)."""
        return {
            "inside": self.inside,
            "wijk": None if self.wijk is None else {"code": self.wijk.code, "name": self.wijk.name},
            "buurt": None if self.buurt is None else {"code": self.buurt.code, "name": self.buurt.name},
            "block": None if self.block_id is None else {"id": self.block_id},
            "street": None if self.street is None else {"name": self.street},
            "focus_area": self.focus_area,
        }


OUTSIDE_LOCATION = Location(False, None, None, None, None, False)


@dataclass(frozen=True, slots=True)
class GeocodedAddress:
    """An address from the register, whether it matched the addition exactly, and where it lies."""

    address: Address
    exact: bool
    location: Location


@dataclass(frozen=True)
class LocatedBatch:
    """Many located points as columns. buurt_index is -1 outside; block corners are RD New metres."""

    boundaries: Boundaries
    buurt_index: NDArray[np.int32]
    block_x: NDArray[np.int64]
    block_y: NDArray[np.int64]
    focus_area: NDArray[np.bool_]
    street: NDArray[np.object_] | None

    def __len__(self) -> int:
        return int(self.buurt_index.size)

    @property
    def inside(self) -> NDArray[np.bool_]:
        return np.asarray(self.buurt_index != OUTSIDE, dtype=np.bool_)

    def buurt_codes(self) -> NDArray[np.object_]:
        """Buurt code per point, None outside."""
        table = np.array([*self.boundaries.buurt_codes(), None], dtype=object)
        return table[self.buurt_index]

    def wijk_codes(self) -> NDArray[np.object_]:
        """Wijk code per point, None outside."""
        table = np.array([*(b.wijk_code for b in self.boundaries.buurten), None], dtype=object)
        return table[self.buurt_index]

    def block_ids(self) -> list[str | None]:
        """Block id per point, None outside (formatting strings is the slow part, so it is on demand)."""
        ids: list[str | None] = list(format_block_ids(self.block_x, self.block_y))
        for row in np.flatnonzero(~self.inside).tolist():
            ids[row] = None
        return ids

    def location(self, row: int) -> Location:
        """One row as a Location."""
        index = int(self.buurt_index[row])
        if index == OUTSIDE:
            return OUTSIDE_LOCATION
        buurt = self.boundaries.buurten[index]
        return Location(
            True,
            self.boundaries.wijk_of(buurt),
            buurt,
            f"E{self.block_x[row]}N{self.block_y[row]}",
            None if self.street is None else self.street[row],
            bool(self.focus_area[row]),
        )


def _check_coordinates(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise InvalidCoordinates(f"not a WGS84 point: lat={lat!r}, lon={lon!r}")


class Geocoder:
    """Locates points on one boundary year, with optional street and address registers."""

    def __init__(
        self,
        boundaries: Boundaries,
        focus_codes: frozenset[str],
        streets: StreetRegister | None = None,
        addresses: AddressRegister | None = None,
    ) -> None:
        self.boundaries = boundaries
        self.focus_codes = focus_codes
        self.streets = streets
        self.addresses = addresses
        self._index = AreaIndex(boundaries.buurt_polygons)
        self._per_buurt = [(boundaries.wijk_of(b), b, b.code in focus_codes) for b in boundaries.buurten]
        self._focus_by_index = np.array([*(b.code in focus_codes for b in boundaries.buurten), False])

    @property
    def year(self) -> int:
        return self.boundaries.year

    @property
    def area_index(self) -> AreaIndex:
        """The point-in-buurt index (positions into boundaries.buurten), for callers that need only that."""
        return self._index

    def locate(self, lat: float, lon: float) -> Location:
        """Where one WGS84 point lies; an explicit outside answer when it is not in the municipality."""
        _check_coordinates(lat, lon)
        if not on_rd_grid(lat, lon):
            return OUTSIDE_LOCATION
        index = self._index.find(lon, lat)
        if index == OUTSIDE:
            return OUTSIDE_LOCATION
        wijk, buurt, focus = self._per_buurt[index]
        x, y = wgs84_to_rd(lat, lon)
        street = None if self.streets is None else self.streets.nearest(x, y)
        return Location(True, wijk, buurt, block_id_for_rd(x, y), street, focus)

    def locate_many(self, lats: ArrayLike, lons: ArrayLike) -> LocatedBatch:
        """Where many WGS84 points lie, as columns; invalid points (NaN) count as outside."""
        lat = np.asarray(lats, dtype=np.float64)
        lon = np.asarray(lons, dtype=np.float64)
        if lat.shape != lon.shape or lat.ndim != 1:
            raise ValueError(f"lats and lons must be 1-d arrays of one length: {lat.shape}, {lon.shape}")
        index = self._index.find_many(lon, lat)
        xs, ys = wgs84_to_rd_many(lat, lon)
        bx, by = block_corners(np.nan_to_num(xs), np.nan_to_num(ys))
        street = None
        if self.streets is not None:
            street = np.full(lat.shape, None, dtype=object)
            inside = np.flatnonzero(index != OUTSIDE)
            street[inside] = self.streets.nearest_many(xs[inside], ys[inside])
        return LocatedBatch(self.boundaries, index, bx, by, self._focus_by_index[index], street)

    def geocode(self, postcode: str, number: int, addition: str | None = None) -> GeocodedAddress | None:
        """An address's location from the address register; None when it is not in the register.

        Raises GeoDataError when no address register is loaded and InvalidPostcode for a malformed postcode.
        """
        if self.addresses is None:
            raise GeoDataError("no address register loaded; import one with `flask geo import addresses`")
        found = self.addresses.find(postcode, number, addition)
        if found is None:
            return None
        address, exact = found
        return GeocodedAddress(address, exact, self.locate(address.lat, address.lon))

    def search_streets(self, query: str, limit: int = 10) -> list[StreetMatch]:
        """Streets of the municipality whose name resembles the query, best first ([] without a register)."""
        if self.streets is None:
            return []
        return self.streets.search(query, limit=limit)


def build_geocoder(geodata_dir: Path, focus_area: str = "kern", year: int | None = None) -> Geocoder:
    """A geocoder from a geodata directory, uncached: boundaries of `year` (newest if None) + registers."""
    boundaries = load_boundaries(geodata_dir, year)
    focus_codes = resolve_focus_area(focus_area, boundaries)
    street_file = streets_path(geodata_dir)
    address_file = addresses_path(geodata_dir)
    streets = load_streets(street_file) if street_file.is_file() else None
    addresses = load_addresses(address_file) if address_file.is_file() else None
    return Geocoder(boundaries, focus_codes, streets, addresses)


@lru_cache(maxsize=8)
def _cached_geocoder(geodata_dir: Path, focus_area: str, year: int | None) -> Geocoder:
    return build_geocoder(geodata_dir, focus_area, year)


def load_geocoder(geodata_dir: Path | str, focus_area: str = "kern", year: int | None = None) -> Geocoder:
    """The geocoder for a geodata directory and focus-area setting, built once per process and shared.

    Call clear_geocoder_cache() after an import so the next call sees the new files.
    """
    return _cached_geocoder(Path(geodata_dir).resolve(), focus_area.strip(), year)


def clear_geocoder_cache() -> None:
    """Forget every cached geocoder (after the geodata directory changed)."""
    _cached_geocoder.cache_clear()


def relocate(
    geodata_dir: Path | str, year: int, lats: ArrayLike, lons: ArrayLike, focus_area: str = "kern"
) -> LocatedBatch:
    """Locate stored points again on the boundaries of `year`: the core of a future `geo regeocode`."""
    return load_geocoder(geodata_dir, focus_area, year).locate_many(lats, lons)


def moved_points(old_buurt_codes: ArrayLike, batch: LocatedBatch) -> dict[tuple[str | None, str | None], int]:
    """How many points changed buurt between a stored code column and a relocated batch, per (old, new)."""
    old = np.asarray(old_buurt_codes, dtype=object)
    new = batch.buurt_codes()
    changed = np.flatnonzero(old != new)
    moves: dict[tuple[str | None, str | None], int] = {}
    for before, after in zip(old[changed].tolist(), new[changed].tolist(), strict=True):
        moves[(before, after)] = moves.get((before, after), 0) + 1
    return moves
