"""CBS 100 m statistical squares ("blocks") and the RD New (EPSG:28992) coordinates they are defined in.

A block id is written the way CBS writes its square statistics (crs28992res100m): ``E{x}N{y}`` with x, y the
RD New coordinates of the square's south-west corner in metres, e.g. ``E85900N436000``.
"""

from __future__ import annotations

import math
import re
import threading

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import CRS, Transformer

WGS84 = "EPSG:4326"
RD_NEW = "EPSG:28992"
BLOCK_SIZE_M = 100

_BLOCK_ID = re.compile(r"E(\d+)N(\d+)")
# Where RD New is defined (west, south, east, north in WGS84): the Netherlands and its coastal waters. Outside it the
# projection still gives numbers, but they name no CBS block (London lands at a negative x), so a point there has
# no block and lies outside every area the app knows.
RD_AREA: tuple[float, float, float, float] = CRS(RD_NEW).area_of_use.bounds  # type: ignore[union-attr]
# pyproj transformers hold a PROJ context; one per thread keeps them safe under threaded servers.
_local = threading.local()


def _to_rd() -> Transformer:
    transformer: Transformer | None = getattr(_local, "to_rd", None)
    if transformer is None:
        transformer = Transformer.from_crs(WGS84, RD_NEW, always_xy=True)
        _local.to_rd = transformer
    return transformer


def _from_rd() -> Transformer:
    transformer: Transformer | None = getattr(_local, "from_rd", None)
    if transformer is None:
        transformer = Transformer.from_crs(RD_NEW, WGS84, always_xy=True)
        _local.from_rd = transformer
    return transformer


def wgs84_to_rd(lat: float, lon: float) -> tuple[float, float]:
    """RD New (x, y) in metres of one WGS84 point."""
    x, y = _to_rd().transform(lon, lat)
    return float(x), float(y)


def wgs84_to_rd_many(lats: ArrayLike, lons: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """RD New (x, y) arrays of many WGS84 points at once."""
    xs, ys = _to_rd().transform(np.asarray(lons, dtype=np.float64), np.asarray(lats, dtype=np.float64))
    return np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """WGS84 (lat, lon) of one RD New point."""
    lon, lat = _from_rd().transform(x, y)
    return float(lat), float(lon)


def rd_to_wgs84_many(
    xs: NDArray[np.float64], ys: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """WGS84 (lat, lon) arrays of many RD New points at once."""
    lons, lats = _from_rd().transform(xs, ys)
    return np.asarray(lats, dtype=np.float64), np.asarray(lons, dtype=np.float64)


def block_id_for_rd(x: float, y: float) -> str:
    """Id of the block holding an RD New point."""
    return f"E{math.floor(x / BLOCK_SIZE_M) * BLOCK_SIZE_M}N{math.floor(y / BLOCK_SIZE_M) * BLOCK_SIZE_M}"


def on_rd_grid(lat: float, lon: float) -> bool:
    """Whether a WGS84 point lies where RD New, and so the CBS block grid, is defined."""
    west, south, east, north = RD_AREA
    return south <= lat <= north and west <= lon <= east


def block_id(lat: float, lon: float) -> str | None:
    """Id of the block holding a WGS84 point; None off the RD grid, where there are no blocks."""
    if not on_rd_grid(lat, lon):
        return None
    return block_id_for_rd(*wgs84_to_rd(lat, lon))


def block_corners(xs: NDArray[np.float64], ys: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """South-west corners (RD New, metres) of the blocks holding many RD points; vectorised."""
    bx = (np.floor(xs / BLOCK_SIZE_M) * BLOCK_SIZE_M).astype(np.int64)
    by = (np.floor(ys / BLOCK_SIZE_M) * BLOCK_SIZE_M).astype(np.int64)
    return bx, by


def format_block_ids(bx: NDArray[np.int64], by: NDArray[np.int64]) -> list[str]:
    """Block ids from south-west corner arrays (as block_corners gives them)."""
    return [f"E{x}N{y}" for x, y in zip(bx.tolist(), by.tolist(), strict=True)]


def parse_block_id(value: str) -> tuple[int, int]:
    """South-west corner (x, y) in RD New of a block id; ValueError when it is not one."""
    match = _BLOCK_ID.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a block id (expected E{{x}}N{{y}}, e.g. E85900N436000): {value!r}")
    x, y = int(match.group(1)), int(match.group(2))
    if x % BLOCK_SIZE_M or y % BLOCK_SIZE_M:
        raise ValueError(f"block id corner is not a multiple of {BLOCK_SIZE_M} m: {value!r}")
    return x, y


def block_centre(value: str) -> tuple[float, float]:
    """WGS84 (lat, lon) of the centre of a block, given its id."""
    x, y = parse_block_id(value)
    return rd_to_wgs84(x + BLOCK_SIZE_M / 2, y + BLOCK_SIZE_M / 2)


def point_to_store(lat: float, lon: float, *, exact_consent: bool) -> tuple[float, float] | None:
    """The (lat, lon) a response may keep: the exact point only with consent, else its block's centre; None
    without consent off the RD grid, where no block can stand in for the point."""
    if exact_consent:
        return lat, lon
    block = block_id(lat, lon)
    return None if block is None else block_centre(block)
