"""Where the tests find the files they read: everything lives inside this repository."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_GEODATA = PROJECT_ROOT / "geodata"
# The official CBS/Kadaster 2024 files the shipped boundaries were imported from (see geodata/sources/README.md).
SOURCE_GEODATA = SHIPPED_GEODATA / "sources" / "cbs-2024"
BUURTEN_2024 = SOURCE_GEODATA / "dordrecht_buurten_2024.geojson"
BUURT_INSIDE_POINTS_2024 = SOURCE_GEODATA / "dordrecht_buurten_2024.csv"
WIJKEN_2024 = SOURCE_GEODATA / "dordrecht_wijken_2024.geojson"
GEMEENTE_2024 = SOURCE_GEODATA / "dordrecht_gemeente_2024.geojson"
