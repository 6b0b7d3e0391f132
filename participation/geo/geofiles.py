"""Reading vector sources and writing geodata files all-or-nothing; shared by the import modules."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from participation.geo.errors import GeoImportError
from participation.imports import GEODATA_MAX_BYTES, ImportRefusal, check_unpacked_size, file_size, too_large

COORDINATE_DECIMALS = 6
# Generous box around the Netherlands in lon/lat: coordinates outside it mean a wrong or missing CRS.
NL_LONLAT_BOX = (3.0, 50.6, 7.4, 53.7)
_POLYGONAL = (3, 6)  # shapely type ids of Polygon and MultiPolygon
SHAPEFILE_PARTS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


def check_vector_size(path: Path, max_bytes: int) -> None:
    """Refuse a vector file larger than ``max_bytes`` before reading it: a shapefile counted with the files
    beside it that hold its attributes and index, a zipped one by what it unpacks to."""
    try:
        size = file_size(path, max_bytes)
        if path.suffix.lower() == ".shp":
            for suffix in SHAPEFILE_PARTS:
                part = path.with_suffix(suffix)
                if part.is_file():
                    size += part.stat().st_size
            if size > max_bytes:
                raise too_large(max_bytes)
        check_unpacked_size(path, max_bytes)
    except ImportRefusal as refusal:
        raise GeoImportError(path, [(refusal.field, refusal.message)]) from refusal


def read_vector(
    path: Path, layer: str | None, assume_crs: str | None, max_bytes: int = GEODATA_MAX_BYTES
) -> tuple[Any, list[str]]:
    """A GeoDataFrame from a GeoPackage, GeoJSON or Shapefile of at most ``max_bytes``, with its CRS known,
    plus reader notes.

    Reader warnings (from GDAL) become notes in the import report instead of escaping as warnings.
    """
    import geopandas
    from pyogrio.errors import DataLayerError, DataSourceError

    check_vector_size(path, max_bytes)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = geopandas.read_file(path, layer=layer, engine="pyogrio")
        except (DataSourceError, DataLayerError, ValueError, OSError) as exc:
            raise GeoImportError(path, [("", f"cannot read as a vector file: {exc}")]) from exc
    notes = [str(w.message) for w in caught]
    if not isinstance(frame, geopandas.GeoDataFrame) or frame.geometry.isna().all():
        raise GeoImportError(path, [("", "has no geometries: not a GeoPackage, GeoJSON or Shapefile layer")])
    if frame.crs is None:
        if assume_crs is None:
            raise GeoImportError(
                path,
                [
                    (
                        "",
                        "unknown CRS: the file does not say which coordinate system it uses; "
                        "pass --crs, e.g. --crs EPSG:28992 for RD New",
                    )
                ],
            )
        frame = frame.set_crs(parse_crs(assume_crs, path))
    return frame, notes


def parse_crs(value: str, file: Path) -> Any:
    """A pyproj CRS from user input such as "EPSG:28992"; GeoImportError when PROJ does not know it."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise GeoImportError(file, [("", f"unknown CRS {value!r}: {exc}")]) from exc


def attribute_text(value: Any) -> str:
    """A feature's attribute as text: empty for a missing value (None, or NaN in a numeric column), else trimmed."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def find_column(columns: Iterable[str], aliases: Iterable[str]) -> str | None:
    """The first column (case-insensitive) matching one of the aliases, in alias order."""
    by_lower = {column.lower().strip(): column for column in columns}
    for alias in aliases:
        if alias in by_lower:
            return by_lower[alias]
    return None


def outside_netherlands(geometries: NDArray[np.object_]) -> NDArray[np.bool_]:
    """Per lon/lat geometry: does its bounding box leave the box around the Netherlands?"""
    bounds = shapely.bounds(geometries)
    minx, miny, maxx, maxy = NL_LONLAT_BOX
    return np.asarray(
        (bounds[:, 0] < minx) | (bounds[:, 1] < miny) | (bounds[:, 2] > maxx) | (bounds[:, 3] > maxy),
        dtype=np.bool_,
    )


def rounded(geometry: shapely.Geometry) -> shapely.Geometry:
    """A lon/lat geometry with coordinates rounded to about 0.1 m, repaired if rounding broke it."""
    result = shapely.transform(geometry, lambda coords: np.round(coords, COORDINATE_DECIMALS))
    if not shapely.is_valid(result):
        result = shapely.make_valid(result)
    return result


def feature_collection_text(name: str, features: Iterable[tuple[Mapping[str, Any], shapely.Geometry]]) -> str:
    """GeoJSON text (RFC 7946, EPSG:4326), one feature per line so that diffs between imports stay small."""
    lines = []
    for properties, geometry in features:
        polygonal = shapely.get_type_id(geometry) in _POLYGONAL
        oriented = shapely.orient_polygons(geometry) if polygonal else geometry
        feature = {
            "type": "Feature",
            "properties": dict(properties),
            "geometry": json.loads(shapely.to_geojson(oriented)),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    body = ",\n".join(lines)
    return f'{{"type":"FeatureCollection","name":{json.dumps(name)},"features":[\n{body}\n]}}\n'


def write_file_atomically(path: Path, text: str) -> None:
    """Write a file so that readers see either the old or the new content, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the app may run as another user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def replace_directory_atomically(target: Path, files: Mapping[str, str]) -> None:
    """Write a directory of files next to `target`, then swap it in with renames.

    Directories cannot be swapped in one rename, so the old one is moved aside first; a crash in between
    leaves the old directory under a dot-name from which it can be recovered, never a half-written one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; the app may run as another user
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        if target.exists():
            old = target.parent / f".{target.name}-old-{uuid.uuid4().hex[:8]}"
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
