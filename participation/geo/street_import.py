"""Import of a street register: named lines from an OpenStreetMap or NWB export, any CRS, into geodata/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from participation.geo.boundaries import load_boundaries
from participation.geo.errors import ProblemCollector
from participation.geo.geofiles import (
    attribute_text,
    feature_collection_text,
    find_column,
    outside_netherlands,
    read_vector,
    rounded,
    write_file_atomically,
)
from participation.geo.streets import NEAREST_STREET_M, streets_path
from participation.imports import GEODATA_MAX_BYTES

# OSM exports use "name", NWB uses STT_NAAM, BAG-derived files "openbare_ruimte"/"straatnaam".
NAME_COLUMNS = ("name", "straatnaam", "stt_naam", "openbare_ruimte", "openbareruimtenaam", "street", "straat")
_LINEAL = (1, 5)  # shapely type ids of LineString and MultiLineString


@dataclass(frozen=True)
class StreetImport:
    """What a street import wrote and what it left out."""

    path: Path
    lines: int
    streets: int
    unnamed_skipped: int
    outside_skipped: int
    notes: list[str] = field(default_factory=list)


def import_streets(
    source: Path,
    geodata_dir: Path,
    *,
    layer: str | None = None,
    name_column: str | None = None,
    crs: str | None = None,
    max_bytes: int = GEODATA_MAX_BYTES,
) -> StreetImport:
    """Write geodata/registers/streets.geojson from named lines within the municipality; all or nothing.

    Lines without a name are left out (OSM exports hold many unnamed paths), as are lines farther than
    the nearest-street distance from the municipality. Anything else that is not a usable line is an error,
    and a file larger than `max_bytes` is refused unread.
    """
    boundaries = load_boundaries(geodata_dir)
    frame, notes = read_vector(source, layer, crs, max_bytes)
    problems = ProblemCollector(source)
    column = find_column(frame.columns, (name_column.lower(),) if name_column else NAME_COLUMNS)
    if column is None:
        present = ", ".join(str(c) for c in frame.columns if c != "geometry")
        wanted = name_column or " or ".join(NAME_COLUMNS)
        raise problems.fail("", f"no street name column ({wanted}); the file has: {present}")

    frame = frame.to_crs(4326)
    geometries = np.asarray(frame.geometry.array, dtype=object)
    names = [attribute_text(v) for v in frame[column].tolist()]
    present_geometry = np.array([g is not None for g in geometries])
    far = np.zeros(len(names), dtype=bool)
    if present_geometry.any():
        far[present_geometry] = outside_netherlands(geometries[present_geometry])
    kept: list[int] = []
    unnamed = 0
    for row, name in enumerate(names):
        where = f"feature {row + 1}" + (f" ({name})" if name else "")
        geometry = geometries[row]
        if geometry is None or shapely.is_empty(geometry):
            problems.add(where, "has no geometry")
        elif shapely.get_type_id(geometry) not in _LINEAL:
            kind = shapely.GeometryType(shapely.get_type_id(geometry)).name.title()
            problems.add(where, f"is a {kind}, not a line")
        elif not np.isfinite(shapely.get_coordinates(geometry)).all():
            problems.add(where, "has non-numeric coordinates")
        elif far[row]:
            problems.add(where, "coordinates lie outside the Netherlands after reprojection; wrong CRS?")
        elif not name:
            unnamed += 1
        else:
            kept.append(row)
    problems.raise_if_any()

    # Keep lines that come within the nearest-street distance of the municipality; measure in RD New metres.
    import geopandas

    outline = shapely.union_all(boundaries.buurt_polygons)
    area = geopandas.GeoSeries([outline], crs=4326).to_crs(28992).buffer(NEAREST_STREET_M).to_crs(4326)
    near = shapely.intersects(geometries[kept], area.iloc[0]) if kept else np.zeros(0, dtype=bool)
    chosen = [row for row, inside in zip(kept, near.tolist(), strict=True) if inside]
    if not chosen:
        raise problems.fail("", f"no named street lies within {boundaries.municipality_name}")
    features = [({"name": names[row]}, rounded(geometries[row])) for row in chosen]
    path = streets_path(geodata_dir)
    write_file_atomically(path, feature_collection_text("streets", features))
    return StreetImport(path, len(chosen), len({names[row] for row in chosen}), unnamed, len(kept) - len(chosen), notes)
