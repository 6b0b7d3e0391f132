"""Import of CBS wijk- en buurtkaart boundaries (any year; any CRS; GeoPackage, GeoJSON, Shapefile)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from participation.geo.boundaries import (
    ATTRIBUTION,
    BUURTEN_FILE,
    DORDT_WEST_FLAGS,
    MANIFEST_FILE,
    WIJKEN_FILE,
    available_years,
    boundaries_root,
    load_boundaries,
)
from participation.geo.errors import GeoImportError, ProblemCollector
from participation.geo.focus import RUIM_WIJKEN
from participation.geo.geofiles import (
    attribute_text,
    feature_collection_text,
    find_column,
    outside_netherlands,
    read_vector,
    replace_directory_atomically,
    rounded,
)
from participation.imports import GEODATA_MAX_BYTES

# Column names differ between CBS vintages (e.g. BU_CODE until 2020, buurtcode since) and derived files.
COLUMNS = {
    "gemeentecode": ("gemeentecode", "gm_code"),
    "gemeentenaam": ("gemeentenaam", "gm_naam"),
    "buurtcode": ("buurtcode", "bu_code"),
    "buurtnaam": ("buurtnaam", "bu_naam"),
    "wijkcode": ("wijkcode", "wk_code"),
    "wijknaam": ("wijknaam", "wk_naam"),
    "jaar": ("jaar", "year"),
    "dordt_west": ("dordt_west",),
}
_BUURTCODE = re.compile(r"BU(\d{4})(\d{2})(\d{2})")


@dataclass(frozen=True)
class BoundaryImport:
    """What an import wrote: year, counts, where, and notes a person should read."""

    year: int
    municipality_code: str
    buurten: int
    wijken: int
    directory: Path
    notes: list[str] = field(default_factory=list)


def _year(frame: Any, column: str | None, year: int | None, problems: ProblemCollector) -> int:
    found = sorted({int(v) for v in frame[column].dropna().tolist()}) if column else []
    if len(found) > 1:
        raise problems.fail(column or "", f"features of several years {found}; import one year at a time")
    if year is not None and found and found[0] != year:
        raise problems.fail(column or "", f"the file says year {found[0]}, but --year {year} was given")
    if year is None and not found:
        raise problems.fail("", "cannot tell the boundary year: the file has no 'jaar' column; pass --year")
    return year if year is not None else found[0]


def _sha256(source: Path) -> str | None:
    """The digest of the source file, read in chunks: a national file is hundreds of megabytes."""
    if not source.is_file():
        return None
    with source.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _previous_flags(geodata_dir: Path, year: int) -> dict[str, str]:
    """dordt_west flags of the nearest earlier (or else later) year already imported, by buurt code."""
    years = [y for y in available_years(geodata_dir) if y != year]
    if not years:
        return {}
    earlier = [y for y in years if y < year]
    source = load_boundaries(geodata_dir, earlier[-1] if earlier else years[0])
    return {b.code: b.dordt_west for b in source.buurten}


def import_boundaries(
    source: Path,
    geodata_dir: Path,
    *,
    municipality: str = "GM0505",
    year: int | None = None,
    layer: str | None = None,
    crs: str | None = None,
    max_bytes: int = GEODATA_MAX_BYTES,
) -> BoundaryImport:
    """Write geodata/boundaries/<year>/ from a CBS buurt layer, keeping one municipality; all or nothing.

    Wijken are dissolved from the buurten so that both layers line up exactly. A `dordt_west` column is kept;
    without one the flags are carried over from another imported year, and new buurten of the four Dordt West
    wijken are marked "onzeker" for the bureau to settle.
    """
    municipality = municipality.strip().upper()
    frame, notes = read_vector(source, layer, crs, max_bytes)
    problems = ProblemCollector(source)
    cols = {key: find_column(frame.columns, aliases) for key, aliases in COLUMNS.items()}
    missing = [key for key in ("gemeentecode", "buurtcode", "buurtnaam") if cols[key] is None]
    if missing:
        present = ", ".join(str(c) for c in frame.columns if c != "geometry")
        raise problems.fail("", f"missing column(s) {', '.join(missing)}; the file has: {present}")

    selected = frame[frame[cols["gemeentecode"]].astype(str).str.strip().str.upper() == municipality]
    if selected.empty:
        codes = sorted({attribute_text(v) for v in frame[cols["gemeentecode"]].tolist()})[:5]
        raise problems.fail("", f"no features with gemeentecode {municipality} (codes found include {codes})")
    the_year = _year(selected, cols["jaar"], year, problems)
    selected = selected.to_crs(4326)
    geometries = np.asarray(selected.geometry.array, dtype=object)
    far = outside_netherlands(geometries)
    carried = _previous_flags(geodata_dir, the_year) if cols["dordt_west"] is None else {}

    buurten: list[tuple[dict[str, Any], shapely.Geometry]] = []
    wijk_names: dict[str, str] = {}
    seen: dict[str, tuple[int, int]] = {}  # buurtcode -> (feature number, position in buurten)
    for position, (row_index, row) in enumerate(selected.iterrows()):
        code = attribute_text(row[cols["buurtcode"]]).upper()
        where = f"feature {int(str(row_index)) + 1} ({code or 'no buurtcode'})"
        match = _BUURTCODE.fullmatch(code)
        if match is None or match.group(1) != municipality[2:]:
            problems.add(where, f"buurtcode {code!r} is not of the form BU{municipality[2:]}wwbb")
            continue
        wijkcode = f"WK{match.group(1)}{match.group(2)}"
        given_wijk = attribute_text(row[cols["wijkcode"]]).upper() if cols["wijkcode"] else wijkcode
        if given_wijk != wijkcode:
            problems.add(where, f"wijkcode {given_wijk} does not match the buurtcode (expected {wijkcode})")
        name = attribute_text(row[cols["buurtnaam"]])
        if not name:
            problems.add(where, "empty buurtnaam")
        geometry = geometries[position]
        if geometry is None or shapely.is_empty(geometry) or shapely.get_type_id(geometry) not in (3, 6):
            problems.add(where, "geometry is missing or not a polygon")
            continue
        if far[position]:
            problems.add(where, "coordinates lie outside the Netherlands after reprojection; wrong CRS?")
            continue
        if code in seen:
            # Single-part exports split a buurt over several features; same code and name means one buurt.
            feature, earlier = seen[code]
            properties, first_part = buurten[earlier]
            if properties["buurtnaam"] != name:
                problems.add(where, f"buurtcode {code} also on feature {feature}, with another name")
            else:
                buurten[earlier] = (properties, rounded(shapely.union_all([first_part, shapely.make_valid(geometry)])))
                notes.append(f"{where}: joined to feature {feature}, a part of the same buurt")
            continue
        seen[code] = (int(str(row_index)) + 1, len(buurten))
        flag = attribute_text(row[cols["dordt_west"]]).lower() if cols["dordt_west"] else carried.get(code, "")
        if cols["dordt_west"] and flag not in DORDT_WEST_FLAGS:
            problems.add(where, f"dordt_west {flag!r} is not one of {', '.join(DORDT_WEST_FLAGS)}")
        if not flag:
            flag = "onzeker" if wijkcode in RUIM_WIJKEN else "nee"
        if cols["wijknaam"]:
            wijk_names.setdefault(wijkcode, attribute_text(row[cols["wijknaam"]]))
        properties = {
            "buurtcode": code,
            "buurtnaam": name,
            "wijkcode": wijkcode,
            "wijknaam": "",
            "gemeentecode": municipality,
            "dordt_west": flag,
            "jaar": the_year,
        }
        buurten.append((properties, rounded(shapely.make_valid(geometry))))
    problems.raise_if_any()

    if cols["dordt_west"] is None:
        notes.append("no dordt_west column: flags carried over from another year; check new buurten")
    buurten.sort(key=lambda item: item[0]["buurtcode"])
    wijk_codes = sorted({props["wijkcode"] for props, _ in buurten})
    for code in wijk_codes:
        if not wijk_names.get(code):
            wijk_names[code] = code
            notes.append(f"no name for wijk {code} in the file; its code is used as name")
    for props, _ in buurten:
        props["wijknaam"] = wijk_names[props["wijkcode"]]
    wijken = []
    for code in wijk_codes:
        parts = [geometry for props, geometry in buurten if props["wijkcode"] == code]
        properties = {
            "wijkcode": code,
            "wijknaam": wijk_names[code],
            "gemeentecode": municipality,
            "n_buurten": len(parts),
            "jaar": the_year,
        }
        wijken.append((properties, rounded(shapely.union_all(parts))))

    municipality_name = (
        attribute_text(selected[cols["gemeentenaam"]].iloc[0]) if cols["gemeentenaam"] else municipality
    ) or municipality
    manifest = {
        "year": the_year,
        "municipality_code": municipality,
        "municipality_name": municipality_name,
        "attribution": ATTRIBUTION.format(year=the_year),
        "source": source.name,
        "source_sha256": _sha256(source),
        "crs": "EPSG:4326",
        "buurten": len(buurten),
        "wijken": len(wijken),
        "imported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    directory = boundaries_root(geodata_dir) / str(the_year)
    replace_directory_atomically(
        directory,
        {
            BUURTEN_FILE: feature_collection_text(f"buurten_{the_year}", buurten),
            WIJKEN_FILE: feature_collection_text(f"wijken_{the_year}", wijken),
            MANIFEST_FILE: json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
        },
    )
    return BoundaryImport(the_year, municipality, len(buurten), len(wijken), directory, notes)


__all__ = ["BoundaryImport", "GeoImportError", "import_boundaries"]
