"""locate() and locate_many() on the real CBS 2024 boundaries of Dordrecht."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from participation.geo import (
    OUTSIDE_LOCATION,
    FocusAreaError,
    Geocoder,
    InvalidCoordinates,
    build_geocoder,
    load_geocoder,
)
from tests.paths import BUURT_INSIDE_POINTS_2024, GEMEENTE_2024


def _buurt_points() -> list[dict[str, str]]:
    with BUURT_INSIDE_POINTS_2024.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


BUURT_POINTS = _buurt_points()

# Points that must answer "outside". The river points were chosen in open water across the municipal border
# and test_river_points_are_clear_of_the_border checks they lie at least 100 m outside the (generalised)
# municipal polygon, so the simplification of the boundary cannot pull them inside.
RIVER_POINTS = {
    # Hollands Diep under the Moerdijk bridges, south of Willemsdorp (Dordrecht's southern tip).
    "hollands_diep": (51.7080, 4.6330),
    # Beneden-Merwede between Dordrecht's Noordendijk and Papendrecht, Papendrecht side of the border.
    "beneden_merwede": (51.8250, 4.6950),
    # The mouth of De Noord at the Drierivierenpunt, north of Dordrecht's Groothoofd.
    "noord_at_drierivierenpunt": (51.8245, 4.6680),
}
FAR_POINTS = {
    "rotterdam_centre": (51.9225, 4.4792),
    "amsterdam_dam": (52.3731, 4.8932),
    "null_island": (0.0, 0.0),
}


@pytest.mark.parametrize("row", BUURT_POINTS, ids=[row["buurtcode"] for row in BUURT_POINTS])
def test_inside_point_of_every_buurt_locates_to_that_buurt_and_wijk(geocoder: Geocoder, row: dict[str, str]) -> None:
    location = geocoder.locate(float(row["lat"]), float(row["lon"]))
    assert location.inside
    assert location.buurt is not None and location.wijk is not None
    assert (location.buurt.code, location.buurt.name) == (row["buurtcode"], row["buurtnaam"])
    assert (location.wijk.code, location.wijk.name) == (row["wijkcode"], row["wijknaam"])
    assert location.focus_area == (row["dordt_west"] == "kern")
    assert location.block_id is not None and location.street is None


def test_the_csv_covers_all_132_buurten() -> None:
    assert len({row["buurtcode"] for row in BUURT_POINTS}) == 132


def test_river_points_are_clear_of_the_border() -> None:
    outline = json.loads(GEMEENTE_2024.read_text(encoding="utf-8"))
    municipality = shapely.from_geojson(json.dumps(outline["features"][0]["geometry"]))
    to_rd = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    municipality_rd = shapely.transform(municipality, lambda c: np.column_stack(to_rd.transform(c[:, 0], c[:, 1])))
    for name, (lat, lon) in RIVER_POINTS.items():
        point = shapely.Point(*to_rd.transform(lon, lat))
        assert not municipality_rd.contains(point), name
        assert municipality_rd.distance(point) >= 100, name


@pytest.mark.parametrize("name", [*RIVER_POINTS, *FAR_POINTS])
def test_points_outside_the_municipality_answer_outside(geocoder: Geocoder, name: str) -> None:
    lat, lon = {**RIVER_POINTS, **FAR_POINTS}[name]
    location = geocoder.locate(lat, lon)
    assert location == OUTSIDE_LOCATION
    assert location.to_json_dict() == {
        "inside": False,
        "wijk": None,
        "buurt": None,
        "block": None,
        "street": None,
        "focus_area": False,
    }


def test_json_dict_has_exactly_the_contract_fields(geocoder: Geocoder) -> None:
    row = BUURT_POINTS[0]
    data = geocoder.locate(float(row["lat"]), float(row["lon"])).to_json_dict()
    assert list(data) == ["inside", "wijk", "buurt", "block", "street", "focus_area"]
    assert data["wijk"] == {"code": row["wijkcode"], "name": row["wijknaam"]}
    assert data["buurt"] == {"code": row["buurtcode"], "name": row["buurtnaam"]}
    assert set(data["block"]) == {"id"}
    json.dumps(data)


@pytest.mark.parametrize(("lat", "lon"), [(math.nan, 4.66), (51.8, math.inf), (91.0, 4.66), (51.8, -181.0)])
def test_impossible_coordinates_are_rejected_not_answered(geocoder: Geocoder, lat: float, lon: float) -> None:
    with pytest.raises(InvalidCoordinates):
        geocoder.locate(lat, lon)


def test_focus_area_settings(imported_geodata: object, geocoder: Geocoder) -> None:
    assert len(geocoder.focus_codes) == 24
    ruim = build_geocoder(imported_geodata, "ruim")  # type: ignore[arg-type]
    assert len(ruim.focus_codes) == 30 and geocoder.focus_codes < ruim.focus_codes
    explicit = build_geocoder(imported_geodata, " bu05050300, BU05050301 ")  # type: ignore[arg-type]
    assert explicit.focus_codes == {"BU05050300", "BU05050301"}
    zuidhoven = next(r for r in BUURT_POINTS if r["buurtcode"] == "BU05050802")
    point = float(zuidhoven["lat"]), float(zuidhoven["lon"])
    assert not geocoder.locate(*point).focus_area
    assert ruim.locate(*point).focus_area


@pytest.mark.parametrize("setting", ["BU05050300,BU99999999", "", " , "])
def test_bad_focus_area_settings_are_clear_errors(imported_geodata: object, setting: str) -> None:
    with pytest.raises(FocusAreaError) as error:
        build_geocoder(imported_geodata, setting)  # type: ignore[arg-type]
    if "BU99" in setting:
        assert "BU99999999" in str(error.value) and "BU05050300" not in str(error.value)


def test_load_geocoder_is_shared_between_callers(imported_geodata: object) -> None:
    first = load_geocoder(imported_geodata, "kern")  # type: ignore[arg-type]
    assert load_geocoder(str(imported_geodata), " kern") is first


def test_batch_agrees_with_single_locate_and_with_a_plain_spatial_join(geocoder: Geocoder) -> None:
    rng = np.random.default_rng(3)
    minx, miny, maxx, maxy = shapely.total_bounds(geocoder.boundaries.buurt_polygons)
    lons = rng.uniform(minx - 0.01, maxx + 0.01, 20_000)
    lats = rng.uniform(miny - 0.01, maxy + 0.01, 20_000)
    batch = geocoder.locate_many(lats, lons)

    tree = shapely.STRtree(geocoder.boundaries.buurt_polygons)
    point_index, polygon_index = tree.query(shapely.points(lons, lats), predicate="intersects")
    expected = np.full(lats.size, -1)
    expected[point_index] = polygon_index
    assert np.array_equal(batch.buurt_index, expected)
    assert 0 < batch.inside.sum() < lats.size

    block_ids = batch.block_ids()
    codes = batch.buurt_codes()
    for row in range(0, lats.size, 97):
        single = geocoder.locate(lats[row], lons[row])
        assert batch.location(row) == single
        assert codes[row] == (single.buurt.code if single.buurt else None)
        assert block_ids[row] == single.block_id


def test_batch_treats_nan_as_outside(geocoder: Geocoder) -> None:
    batch = geocoder.locate_many([math.nan, 51.81], [4.66, 4.66])
    assert batch.inside.tolist() == [False, True]
    assert batch.wijk_codes().tolist() == [None, "WK050501"]
