"""Boundary import: official CBS layer -> geodata/boundaries/<year>/, all or nothing; boundary years."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas
import numpy as np
import pytest

from participation.geo import (
    GeoImportError,
    available_years,
    build_geocoder,
    load_boundaries,
    moved_points,
    relocate,
)
from participation.geo.boundary_import import import_boundaries
from tests.paths import BUURTEN_2024, SHIPPED_GEODATA, WIJKEN_2024


def _read(path: Path) -> geopandas.GeoDataFrame:
    return geopandas.read_file(path, engine="pyogrio")


def test_import_writes_year_directory_with_manifest(imported_geodata: Path) -> None:
    directory = imported_geodata / "boundaries" / "2024"
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["year"] == 2024 and manifest["municipality_code"] == "GM0505"
    assert manifest["attribution"] == "Kadaster / Centraal Bureau voor de Statistiek, 2024"
    boundaries = load_boundaries(imported_geodata)
    assert (len(boundaries.buurten), len(boundaries.wijken)) == (132, 13)
    assert sum(b.dordt_west == "kern" for b in boundaries.buurten) == 24


def test_wijken_are_dissolved_from_the_buurten_and_match_the_shared_file(imported_geodata: Path) -> None:
    ours = _read(imported_geodata / "boundaries" / "2024" / "wijken.geojson").set_index("wijkcode")
    shared = _read(WIJKEN_2024).set_index("wijkcode")
    assert sorted(ours.index) == sorted(shared.index)
    for code in shared.index:
        assert ours.loc[code, "wijknaam"] == shared.loc[code, "wijknaam"]
        assert ours.geometry[code].symmetric_difference(shared.geometry[code]).area < 1e-9


def test_shipped_geodata_is_the_import_of_the_shared_files(imported_geodata: Path) -> None:
    shipped = load_boundaries(SHIPPED_GEODATA, 2024)
    fresh = load_boundaries(imported_geodata, 2024)
    assert shipped.buurten == fresh.buurten and shipped.wijken == fresh.wijken
    assert all(a.equals(b) for a, b in zip(shipped.buurt_polygons, fresh.buurt_polygons, strict=True))
    assert shipped.attribution == "Kadaster / Centraal Bureau voor de Statistiek, 2024"


def _official_style_file(tmp_path: Path, name: str = "wijkbuurtkaart.gpkg") -> Path:
    """A CBS-style layer in RD New with two municipalities, no jaar and no dordt_west column."""
    frame = _read(BUURTEN_2024).to_crs(28992).iloc[:12].copy()
    frame = frame.rename(columns={"buurtcode": "BU_CODE", "buurtnaam": "BU_NAAM", "gemeentecode": "GM_CODE"})
    frame = frame.drop(columns=["jaar", "dordt_west", "wijkcode", "wijknaam"])
    other = frame.iloc[:3].copy()
    other["GM_CODE"] = "GM0590"
    other["BU_CODE"] = ["BU05900100", "BU05900101", "BU05900102"]
    path = tmp_path / name
    geopandas.GeoDataFrame([*frame.to_dict("records"), *other.to_dict("records")], crs=28992).to_file(
        path, layer="buurten", engine="pyogrio"
    )
    return path


def test_import_from_another_crs_and_year_filters_the_municipality(geodata_dir: Path, tmp_path: Path) -> None:
    source = _official_style_file(tmp_path)
    result = import_boundaries(source, geodata_dir, year=2025, layer="buurten")
    assert (result.year, result.buurten) == (2025, 12)
    assert available_years(geodata_dir) == [2024, 2025]
    later = load_boundaries(geodata_dir)
    assert later.year == 2025 and all(b.code.startswith("BU0505") for b in later.buurten)
    # No dordt_west column: flags come from the 2024 import; no wijk names: the code stands in, with a note.
    assert [b.dordt_west for b in later.buurten] == [
        b.dordt_west for b in load_boundaries(geodata_dir, 2024).buurten[:12]
    ]
    assert any("wijk" in note for note in result.notes)
    coords = np.array(later.buurt_polygons[0].exterior.coords)
    assert 4.6 < coords[:, 0].min() < 4.9 and 51.7 < coords[:, 1].min() < 51.9


def test_relocate_against_an_older_year_and_report_moves(geodata_dir: Path, tmp_path: Path) -> None:
    import_boundaries(_official_style_file(tmp_path), geodata_dir, year=2025, layer="buurten")
    newest = build_geocoder(geodata_dir, "BU05050100")
    assert newest.year == 2025
    lats, lons = np.array([51.817119, 51.81, 51.80]), np.array([4.662314, 4.66, 4.70])
    old = relocate(geodata_dir, 2024, lats, lons, focus_area="BU05050100")
    new = relocate(geodata_dir, 2025, lats, lons, focus_area="BU05050100")
    assert old.focus_area.tolist()[0] and new.focus_area.tolist()[0]
    assert old.buurt_codes().tolist()[0] == new.buurt_codes().tolist()[0] == "BU05050100"
    moves = moved_points(old.buurt_codes(), new)
    assert sum(moves.values()) == sum(a != b for a, b in zip(old.buurt_codes(), new.buurt_codes(), strict=True))


def test_import_needs_a_year(geodata_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(GeoImportError, match="--year"):
        import_boundaries(_official_style_file(tmp_path), geodata_dir, layer="buurten")


def test_year_given_must_match_the_file(geodata_dir: Path) -> None:
    with pytest.raises(GeoImportError, match=r"2024.*2023"):
        import_boundaries(BUURTEN_2024, geodata_dir, year=2023)


def test_unknown_municipality_is_a_clear_error(geodata_dir: Path) -> None:
    with pytest.raises(GeoImportError, match="no features with gemeentecode GM0599"):
        import_boundaries(BUURTEN_2024, geodata_dir, municipality="GM0599")


def test_missing_columns_are_named(geodata_dir: Path, tmp_path: Path) -> None:
    frame = _read(BUURTEN_2024).drop(columns=["buurtnaam"])
    source = tmp_path / "no_names.geojson"
    frame.to_file(source, engine="pyogrio")
    with pytest.raises(GeoImportError) as error:
        import_boundaries(source, geodata_dir)
    assert str(source) in str(error.value) and "buurtnaam" in str(error.value)


def test_broken_feature_is_named_and_nothing_is_half_imported(geodata_dir: Path, tmp_path: Path) -> None:
    before = (geodata_dir / "boundaries" / "2024" / "buurten.geojson").read_bytes()
    frame = _read(BUURTEN_2024)
    frame.loc[5, "buurtcode"] = "BU0505XX"
    frame.loc[7, "dordt_west"] = "misschien"
    source = tmp_path / "broken.geojson"
    frame.to_file(source, engine="pyogrio")
    with pytest.raises(GeoImportError) as error:
        import_boundaries(source, geodata_dir)
    message = str(error.value)
    assert "feature 6" in message and "BU0505XX" in message
    assert "feature 8" in message and "misschien" in message
    assert (geodata_dir / "boundaries" / "2024" / "buurten.geojson").read_bytes() == before
    assert [p.name for p in (geodata_dir / "boundaries").iterdir()] == ["2024"]


def test_file_without_crs_is_refused_unless_one_is_given(geodata_dir: Path, tmp_path: Path) -> None:
    # Shapefile column names stop at 10 characters, as in CBS's own shapefiles (GM_CODE).
    frame = _read(BUURTEN_2024).to_crs(28992).drop(columns=["opp_ha_gegeneraliseerd"])
    frame = frame.rename(columns={"gemeentecode": "GM_CODE", "gemeentenaam": "GM_NAAM"})
    source = tmp_path / "buurten.shp"
    frame.to_file(source, engine="pyogrio")
    source.with_suffix(".prj").unlink()
    with pytest.raises(GeoImportError, match="unknown CRS"):
        import_boundaries(source, geodata_dir)
    with pytest.raises(GeoImportError, match="unknown CRS 'EPSG:999999'"):
        import_boundaries(source, geodata_dir, crs="EPSG:999999")
    with pytest.raises(GeoImportError, match="outside the Netherlands"):
        import_boundaries(source, geodata_dir, crs="EPSG:4326")
    assert import_boundaries(source, geodata_dir, crs="EPSG:28992").buurten == 132


def test_a_buurt_split_over_features_is_joined_but_a_clash_is_an_error(geodata_dir: Path, tmp_path: Path) -> None:
    frame = _read(BUURTEN_2024)
    extra = frame.iloc[[0]].copy()
    extra["geometry"] = extra.geometry.translate(0.0001, 0.0)
    source = tmp_path / "parts.geojson"
    geopandas.GeoDataFrame([*frame.to_dict("records"), *extra.to_dict("records")], crs=4326).to_file(
        source, engine="pyogrio"
    )
    result = import_boundaries(source, geodata_dir)
    assert result.buurten == 132 and any("feature 133" in note and "feature 1" in note for note in result.notes)

    extra["buurtnaam"] = "Andere naam"
    geopandas.GeoDataFrame([*frame.to_dict("records"), *extra.to_dict("records")], crs=4326).to_file(
        source, engine="pyogrio"
    )
    with pytest.raises(GeoImportError, match=r"feature 133 \(BU05050100\): buurtcode BU05050100 also on feature 1"):
        import_boundaries(source, geodata_dir)
