import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from participation.extensions import db
from participation.geo import block_centre, load_geocoder
from participation.geo.locations import place
from participation.models import LocationPrecision, StoredLocation
from tests.factories import a_location
from tests.paths import BUURT_INSIDE_POINTS_2024, SHIPPED_GEODATA

GEODATA = SHIPPED_GEODATA
ROTTERDAM = (51.9225, 4.4792)


@pytest.fixture
def geocoder():  # type: ignore[no-untyped-def]
    return load_geocoder(GEODATA, "kern")


def a_point_in(geocoder, buurt_code: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The inside point the CBS CSV gives for this buurt."""
    import csv

    with (BUURT_INSIDE_POINTS_2024).open() as handle:
        for row in csv.DictReader(handle):
            if row["buurtcode"] == buurt_code:
                return float(row["lat"]), float(row["lon"])
    raise AssertionError(buurt_code)


def test_without_consent_only_the_block_centre_is_stored(geocoder) -> None:  # type: ignore[no-untyped-def]
    lat, lon = a_point_in(geocoder, "BU05050300")
    row = place(geocoder, lat, lon, exact_consent=False)
    assert row.precision is LocationPrecision.BLOCK
    assert row.block_id is not None
    assert (row.latitude, row.longitude) == pytest.approx(block_centre(row.block_id))
    assert (row.latitude, row.longitude) != (lat, lon)
    assert row.buurt_code == "BU05050300" and row.wijk_code == "WK050503"
    assert row.in_focus_area and row.inside and row.boundary_year == 2024


def test_with_consent_the_exact_point_is_stored(geocoder) -> None:  # type: ignore[no-untyped-def]
    lat, lon = a_point_in(geocoder, "BU05050100")
    row = place(geocoder, lat, lon, exact_consent=True)
    assert row.precision is LocationPrecision.EXACT
    assert (row.latitude, row.longitude) == (lat, lon)
    assert row.buurt_code == "BU05050100" and not row.in_focus_area


def test_a_point_outside_is_stored_as_outside(geocoder) -> None:  # type: ignore[no-untyped-def]
    row = place(geocoder, *ROTTERDAM, exact_consent=False)
    assert not row.inside
    assert row.buurt_code is None and row.wijk_code is None and row.block_id is None


def newer_boundaries(root: Path, renamed_from: str, renamed_to: str) -> Path:
    """A geodata directory with 2024 and a made-up 2025 in which one buurt got a new code."""
    shutil.copytree(GEODATA / "boundaries" / "2024", root / "boundaries" / "2024")
    newer = root / "boundaries" / "2025"
    shutil.copytree(GEODATA / "boundaries" / "2024", newer)
    buurten = json.loads((newer / "buurten.geojson").read_text())
    for feature in buurten["features"]:
        if feature["properties"]["buurtcode"] == renamed_from:
            feature["properties"]["buurtcode"] = renamed_to
        feature["properties"]["jaar"] = 2025
    (newer / "buurten.geojson").write_text(json.dumps(buurten))
    manifest = json.loads((newer / "manifest.json").read_text())
    manifest["year"] = 2025
    (newer / "manifest.json").write_text(json.dumps(manifest))
    return root


def test_regeocode_moves_every_location_to_the_newer_boundaries(make_app: Callable[..., Flask], tmp_path: Path) -> None:
    geodata = newer_boundaries(tmp_path / "geodata", "BU05050300", "BU05050399")
    app = make_app(GEODATA_DIR=str(geodata))
    old = load_geocoder(geodata, "kern", 2024)
    with app.app_context():
        db.session.add_all(
            [
                place(old, *a_point_in(old, "BU05050300"), exact_consent=False),
                place(old, *a_point_in(old, "BU05050100"), exact_consent=True),
                place(old, *ROTTERDAM, exact_consent=False),
                a_location("BU05050300", in_focus_area=False),
                a_location("BU05050100", in_focus_area=False),
            ]
        )
        db.session.commit()

    result = app.test_cli_runner().invoke(args=["geo", "regeocode", "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "Looked again at 5 locations" in result.output
    assert "1 changed buurt" in result.output
    assert "BU05050300 -> BU05050399: 1" in result.output
    assert "BU05050300: 1 chosen from a list, without a point" in result.output

    with app.app_context():
        rows = db.session.scalars(select(StoredLocation).order_by(StoredLocation.id)).all()
        assert [row.boundary_year for row in rows] == [2025, 2025, 2025, 2024, 2025]
        assert [row.buurt_code for row in rows] == ["BU05050399", "BU05050100", None, "BU05050300", "BU05050100"]
        # "kern" follows the boundaries' own dordt_west flag, which the renamed buurt keeps.
        assert rows[0].in_focus_area is True

    again = app.test_cli_runner().invoke(args=["geo", "regeocode", "--year", "2025"])
    assert "Looked again at 1 locations" in again.output  # only the one whose buurt is gone


def test_regeocode_to_a_year_without_boundaries_is_a_clear_error(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["geo", "regeocode", "--year", "2031"])
    assert result.exit_code == 1
    assert "2031" in result.output
