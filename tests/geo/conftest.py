"""Fixtures for the geodata domain: the real CBS 2024 boundaries of Dordrecht, imported into a temp dir."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pyproj import Transformer

from participation.geo import Geocoder, build_geocoder
from participation.geo.boundary_import import import_boundaries
from tests.paths import BUURTEN_2024


@pytest.fixture(scope="session")
def imported_geodata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A geodata directory written by the import from the CBS files kept in the repository (read-only for tests)."""
    directory = tmp_path_factory.mktemp("geodata")
    import_boundaries(BUURTEN_2024, directory)
    return directory


@pytest.fixture(scope="session")
def geocoder(imported_geodata: Path) -> Geocoder:
    return build_geocoder(imported_geodata, "kern")


@pytest.fixture
def geodata_dir(imported_geodata: Path, tmp_path: Path) -> Path:
    """A writable copy of the imported geodata, for tests that import registers into it."""
    target = tmp_path / "geodata"
    shutil.copytree(imported_geodata, target)
    return target


@pytest.fixture(scope="session")
def rd_to_lat_lon() -> Callable[[float, float], tuple[float, float]]:
    """RD New (x, y) to WGS84 (lat, lon), with pyproj directly rather than through the code under test."""
    transformer = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)

    def convert(x: float, y: float) -> tuple[float, float]:
        lon, lat = transformer.transform(x, y)
        return float(lat), float(lon)

    return convert
