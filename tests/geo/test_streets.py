"""Street register: import from OSM/NWB-style files in any CRS, nearest street within 25 m, fuzzy search."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pytest
import shapely

from participation.geo import GeoImportError, build_geocoder
from participation.geo.street_import import import_streets
from participation.geo.streets import NEAREST_STREET_M, STREET_CELL_M, StreetRegister

LatLon = Callable[[float, float], tuple[float, float]]

# Made-up lines in RD New (metres) inside Dordrecht near the square E104800N424800; not the real streets.
STREETS_RD = [
    ("Voorstraat", [(104800, 424800), (105000, 424800)]),
    ("Johan de Wittstraat", [(104700, 425000), (104700, 425200)]),
    ("Johan de Wittstraat", [(104700, 425200), (104750, 425400)]),
    (None, [(104900, 424900), (104950, 424950)]),  # an unnamed footpath, as OSM exports hold
    ("Rotterdamse Weg", [(92000, 437000), (92500, 437000)]),  # in Rotterdam: left out
]


def street_file(tmp_path: Path, name: str = "streets.gpkg", rows: list[Any] | None = None, crs: bool = True) -> Path:
    """A street file in RD New; crs=False drops the CRS (a shapefile without its .prj)."""
    rows = STREETS_RD if rows is None else rows
    frame = geopandas.GeoDataFrame(
        {"name": [n for n, _ in rows]},
        geometry=[None if coords is None else shapely.LineString(coords) for _, coords in rows],
        crs=28992,
    )
    path = tmp_path / name
    frame.to_file(path, engine="pyogrio")
    if not crs:
        path.with_suffix(".prj").unlink()
    return path


def test_import_keeps_named_lines_within_the_municipality(geodata_dir: Path, tmp_path: Path) -> None:
    result = import_streets(street_file(tmp_path), geodata_dir)
    assert (result.lines, result.streets, result.unnamed_skipped, result.outside_skipped) == (3, 2, 1, 1)
    assert result.path == geodata_dir / "registers" / "streets.geojson"


def test_nearest_street_within_25_metres(geodata_dir: Path, tmp_path: Path, rd_to_lat_lon: LatLon) -> None:
    import_streets(street_file(tmp_path), geodata_dir)
    geocoder = build_geocoder(geodata_dir)
    assert geocoder.locate(*rd_to_lat_lon(104900, 424810)).street == "Voorstraat"
    assert geocoder.locate(*rd_to_lat_lon(104900, 424776)).street == "Voorstraat"
    assert geocoder.locate(*rd_to_lat_lon(104720, 425100)).street == "Johan de Wittstraat"
    assert geocoder.locate(*rd_to_lat_lon(104900, 424840)).street is None  # 40 m away
    assert geocoder.locate(*rd_to_lat_lon(104900, 424810)).to_json_dict()["street"] == {"name": "Voorstraat"}

    points = [rd_to_lat_lon(104900, 424810), rd_to_lat_lon(104900, 424840), (51.9225, 4.4792)]
    batch = geocoder.locate_many([p[0] for p in points], [p[1] for p in points])
    assert batch.street is not None and batch.street.tolist() == ["Voorstraat", None, None]


def test_search_tolerates_typos_and_case(geodata_dir: Path, tmp_path: Path) -> None:
    import_streets(street_file(tmp_path), geodata_dir)
    geocoder = build_geocoder(geodata_dir)
    assert [m.name for m in geocoder.search_streets("johan de wit straat")][:1] == ["Johan de Wittstraat"]
    assert geocoder.search_streets("Voorstrat")[0].name == "Voorstraat"
    assert geocoder.search_streets("Rotterdamse Weg") == []  # only streets of the municipality
    assert geocoder.search_streets("  ") == []
    match = geocoder.search_streets("Voorstraat")[0]
    assert geocoder.locate(match.lat, match.lon).street == "Voorstraat"


def test_search_without_register_finds_nothing(geocoder: object) -> None:
    assert geocoder.search_streets("Voorstraat") == []  # type: ignore[attr-defined]


def test_any_crs_with_an_explicit_name_column(geodata_dir: Path, tmp_path: Path) -> None:
    frame = geopandas.read_file(street_file(tmp_path), engine="pyogrio").rename(columns={"name": "STT_NAAM"})
    frame["name"] = "not this one"
    path = tmp_path / "nwb.geojson"
    frame.to_crs(3857).to_file(path, engine="pyogrio")
    result = import_streets(path, geodata_dir, name_column="stt_naam")
    assert result.streets == 2


def test_wrong_columns_are_named(geodata_dir: Path, tmp_path: Path) -> None:
    frame = geopandas.read_file(street_file(tmp_path), engine="pyogrio").rename(columns={"name": "weg"})
    path = tmp_path / "wrong.gpkg"
    frame.to_file(path, engine="pyogrio")
    with pytest.raises(GeoImportError) as error:
        import_streets(path, geodata_dir)
    message = str(error.value)
    assert str(path) in message and "no street name column" in message and "weg" in message


def test_non_lines_are_named_by_feature(geodata_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.gpkg"
    geopandas.GeoDataFrame(
        {"name": ["Voorstraat", "Grote Markt"]},
        geometry=[shapely.LineString(STREETS_RD[0][1]), shapely.Point(104900, 424900).buffer(20)],
        crs=28992,
    ).to_file(path, engine="pyogrio")
    with pytest.raises(GeoImportError, match=r"feature 2 \(Grote Markt\): is a Polygon, not a line"):
        import_streets(path, geodata_dir)


def test_unknown_crs_and_wrong_crs(geodata_dir: Path, tmp_path: Path) -> None:
    path = street_file(tmp_path, "streets.shp", crs=False)
    with pytest.raises(GeoImportError, match="unknown CRS"):
        import_streets(path, geodata_dir)
    with pytest.raises(GeoImportError, match="unknown CRS 'RD'"):
        import_streets(path, geodata_dir, crs="RD")
    with pytest.raises(GeoImportError, match=r"feature 1 \(Voorstraat\): coordinates lie outside"):
        import_streets(path, geodata_dir, crs="EPSG:4326")
    assert import_streets(path, geodata_dir, crs="EPSG:28992").streets == 2


def test_failed_import_leaves_the_previous_register(geodata_dir: Path, tmp_path: Path) -> None:
    import_streets(street_file(tmp_path), geodata_dir)
    target = geodata_dir / "registers" / "streets.geojson"
    before = target.read_bytes()
    rows = [*STREETS_RD[:2], ("Kapotte Straat", None)]
    with pytest.raises(GeoImportError, match=r"feature 3 \(Kapotte Straat\): has no geometry"):
        import_streets(street_file(tmp_path, "broken.gpkg", rows), geodata_dir)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["streets.geojson"]


def test_only_streets_elsewhere_is_an_error(geodata_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(GeoImportError, match="no named street lies within Dordrecht"):
        import_streets(street_file(tmp_path, rows=[STREETS_RD[-1]]), geodata_dir)
    assert not (geodata_dir / "registers" / "streets.geojson").exists()


def test_missing_file(geodata_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(GeoImportError, match="does not exist"):
        import_streets(tmp_path / "nope.gpkg", geodata_dir)


def test_the_nearest_street_grid_gives_the_exact_nearest_line() -> None:
    """The grid behind single lookups answers as a brute-force distance to every line would: the line it names is
    at the least distance (any of equal ones), and it names none exactly when no line is within 25 m."""
    rng = np.random.default_rng(11)
    starts = rng.uniform((100_000, 420_000), (103_000, 423_000), (400, 2))
    ends = starts + rng.normal(0, 60, (400, 2))
    bends = ends + rng.normal(0, 40, (400, 2))
    lines = shapely.linestrings(np.stack([starts, ends, bends], axis=1))
    # Degenerate pieces, as imports can hold: a line of no length.
    lines[::50] = shapely.linestrings(np.stack([starts[::50], starts[::50]], axis=1))
    register = StreetRegister([f"Straat {i}" for i in range(len(lines))], np.asarray(lines, dtype=object))
    points = rng.uniform((99_900, 419_900), (103_100, 423_100), (5_000, 2))
    # Points on cell corners and edges too, where rounding would show first.
    points[:200] = np.round(points[:200] / STREET_CELL_M) * STREET_CELL_M
    distances = shapely.distance(shapely.points(points)[:, np.newaxis], lines[np.newaxis, :])
    named = 0
    for (x, y), row in zip(points.tolist(), distances, strict=True):
        found = register.nearest(x, y)
        if row.min() > NEAREST_STREET_M:
            assert found is None
        else:
            assert found is not None
            assert row[int(found.removeprefix("Straat "))] == pytest.approx(row.min(), abs=1e-6)
            named += 1
    assert 500 < named < 4_500  # both answers occur often enough to be tested
