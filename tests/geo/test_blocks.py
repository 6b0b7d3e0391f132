"""Block ids (CBS 100 m squares, crs28992res100m) checked against RD coordinates computed independently."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from pyproj import Transformer

from participation.geo import Geocoder, block_centre, block_id, parse_block_id, point_to_store
from participation.geo.blocks import wgs84_to_rd

# Schreutelkamp & Strang van Hees' approximation of RD New -> WGS84 (about 1 m), written out here so the
# expected lat/lon do not come from the code under test or from PROJ.
_K = {
    (0, 1): 3235.65389,
    (2, 0): -32.58297,
    (0, 2): -0.24750,
    (2, 1): -0.84978,
    (0, 3): -0.06550,
    (2, 2): -0.01709,
    (1, 0): -0.00738,
    (4, 0): 0.00530,
    (2, 3): -0.00039,
    (4, 1): 0.00033,
    (1, 1): -0.00012,
}
_L = {
    (1, 0): 5260.52916,
    (1, 1): 105.94684,
    (1, 2): 2.45656,
    (3, 0): -0.81885,
    (1, 3): 0.05594,
    (3, 1): -0.05607,
    (0, 1): 0.01199,
    (3, 2): -0.00256,
    (1, 4): 0.00128,
    (0, 2): 0.00022,
    (2, 0): -0.00022,
    (5, 0): 0.00026,
}


def rd_to_wgs84_by_hand(x: float, y: float) -> tuple[float, float]:
    dx, dy = (x - 155000) * 1e-5, (y - 463000) * 1e-5
    lat = 52.15517440 + sum(v * dx**p * dy**q for (p, q), v in _K.items()) / 3600
    lon = 5.38720621 + sum(v * dx**p * dy**q for (p, q), v in _L.items()) / 3600
    return lat, lon


def test_rd_origin_at_amersfoort() -> None:
    x, y = wgs84_to_rd(52.15517440, 5.38720621)
    assert abs(x - 155000) < 2 and abs(y - 463000) < 2


def test_fixed_known_block_in_dordrecht_centre(geocoder: Geocoder) -> None:
    # RD (104850, 424850) lies in the middle of square E104800N424800, in buurt Rozenhof en omgeving.
    assert geocoder.locate(51.81, 4.66).block_id == "E104800N424800"
    assert block_id(51.81, 4.66) == "E104800N424800"


@pytest.mark.parametrize(
    ("x", "y"),
    [(104800, 424800), (100000, 420000), (103700, 421400), (107500, 423700), (110000, 425000)],
)
def test_block_centre_computed_by_hand_gives_that_block(x: int, y: int) -> None:
    lat, lon = rd_to_wgs84_by_hand(x + 50, y + 50)
    assert block_id(lat, lon) == f"E{x}N{y}"


def test_block_ids_match_pyproj_directly(geocoder: Geocoder) -> None:
    transformer = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    rng = np.random.default_rng(7)
    lats = rng.uniform(51.76, 51.82, 500)
    lons = rng.uniform(4.62, 4.80, 500)
    batch = geocoder.locate_many(lats, lons)
    ids = batch.block_ids()
    for lat, lon, got in zip(lats, lons, ids, strict=True):
        x, y = transformer.transform(lon, lat)
        expected = f"E{int(x // 100) * 100}N{int(y // 100) * 100}"
        assert got in (expected, None)
        assert block_id(lat, lon) == expected
    assert sum(i is not None for i in ids) > 100


def test_block_centre_round_trips(rd_to_lat_lon: Callable[[float, float], tuple[float, float]]) -> None:
    lat, lon = block_centre("E104800N424800")
    assert (lat, lon) == pytest.approx(rd_to_lat_lon(104850, 424850), abs=1e-9)
    assert block_id(lat, lon) == "E104800N424800"


@pytest.mark.parametrize("value", ["E104850N424800", "X1N2", "E1N", "", "e104800n424800x"])
def test_malformed_block_ids_are_rejected(value: str) -> None:
    with pytest.raises(ValueError, match="block id"):
        parse_block_id(value)


def test_example_id_from_cbs_parses() -> None:
    assert parse_block_id("E85900N436000") == (85900, 436000)


def test_point_to_store_keeps_the_exact_point_only_with_consent() -> None:
    assert point_to_store(51.8123, 4.6612, exact_consent=True) == (51.8123, 4.6612)
    stored = point_to_store(51.8123, 4.6612, exact_consent=False)
    block = block_id(51.8123, 4.6612)
    assert block is not None and stored == block_centre(block)
    assert stored != (51.8123, 4.6612)


@pytest.mark.parametrize(("lat", "lon"), [(0.0, 0.0), (51.5, -0.12), (-89.0, 179.0), (90.0, 0.0), (50.0, 4.0)])
def test_a_point_off_the_rd_grid_has_no_block_and_lies_outside(geocoder: Geocoder, lat: float, lon: float) -> None:
    assert block_id(lat, lon) is None
    assert point_to_store(lat, lon, exact_consent=False) is None
    assert point_to_store(lat, lon, exact_consent=True) == (lat, lon)
    assert geocoder.locate(lat, lon).to_json_dict() == {
        "inside": False,
        "wijk": None,
        "buurt": None,
        "block": None,
        "street": None,
        "focus_area": False,
    }


def test_the_corners_of_the_rd_grid_still_have_blocks() -> None:
    for lat, lon in [(50.75, 3.2), (53.7, 7.22)]:
        corner = block_id(lat, lon)
        assert corner is not None and parse_block_id(corner)
