"""Import of an address register: CSV (as BAG extracts give) with postcode, number, street, coordinates."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from participation.geo.addresses import (
    STORED_COLUMNS,
    Address,
    addresses_path,
    normalise_addition,
    normalise_postcode,
)
from participation.geo.areaindex import OUTSIDE, AreaIndex
from participation.geo.blocks import RD_NEW, WGS84, rd_to_wgs84_many
from participation.geo.boundaries import load_boundaries
from participation.geo.errors import InvalidPostcode, ProblemCollector
from participation.geo.geofiles import NL_LONLAT_BOX, find_column, parse_crs, write_file_atomically
from participation.imports import IMPORT_MAX_BYTES, CsvRows, ImportRefusal, finite_number, read_csv

POSTCODE = ("postcode", "pc6")
NUMBER = ("huisnummer", "house_number", "number", "nummer")
LETTER = ("huisletter", "house_letter")
ADDITION = ("toevoeging", "huisnummertoevoeging", "addition")
STREET = ("straatnaam", "street", "straat", "openbare_ruimte", "openbareruimtenaam", "openbareruimte")
X = ("x", "rd_x", "x_rd")
Y = ("y", "rd_y", "y_rd")
LAT = ("lat", "latitude", "breedtegraad")
LON = ("lon", "lng", "longitude", "lengtegraad")
# The area RD New is defined for (metres); values outside it are lon/lat, swapped, or another CRS.
RD_BOX = (-7000.0, 289000.0, 300000.0, 629000.0)


@dataclass(frozen=True)
class AddressImport:
    """What an address import wrote."""

    path: Path
    addresses: int
    outside_municipality: int
    notes: list[str] = field(default_factory=list)


def _columns(header: list[str], crs_name: str | None, problems: ProblemCollector) -> tuple[dict[str, str], str]:
    """Which header column holds what, and the CRS of the coordinates (EPSG:28992 or EPSG:4326)."""
    found = {
        key: find_column(header, aliases)
        for key, aliases in {
            "postcode": POSTCODE,
            "number": NUMBER,
            "letter": LETTER,
            "addition": ADDITION,
            "street": STREET,
            "x": X,
            "y": Y,
            "lat": LAT,
            "lon": LON,
        }.items()
    }
    missing = [key for key in ("postcode", "number", "street") if found[key] is None]
    has_xy = found["x"] is not None and found["y"] is not None
    has_latlon = found["lat"] is not None and found["lon"] is not None
    if not (has_xy or has_latlon):
        missing.append("coordinates (x and y in RD New, or lat and lon in WGS84)")
    if missing:
        raise problems.fail("header", f"missing column(s): {', '.join(missing)}; found: {', '.join(header)}")
    if crs_name is None:
        crs = RD_NEW if has_xy else WGS84
    else:
        epsg = parse_crs(crs_name, Path(str(problems.file))).to_epsg()
        if epsg not in (28992, 4326):
            raise problems.fail("", f"unsupported CRS {crs_name!r}: addresses must be in RD New or WGS84")
        crs = f"EPSG:{epsg}"
    if crs == WGS84 and not has_latlon:
        found["lon"], found["lat"] = found["x"], found["y"]
    if crs == RD_NEW and not has_xy:
        raise problems.fail("header", "RD New coordinates need x and y columns")
    return {key: value for key, value in found.items() if value is not None}, crs


Row = tuple[str, int, str, str, float, float]  # postcode, number, addition, street, and two coordinates


def _rows(table: CsvRows, columns: dict[str, str], the_crs: str, problems: ProblemCollector) -> list[Row]:
    """The file's addresses; what is wrong with a row goes to ``problems``."""
    rows: list[Row] = []
    seen: dict[tuple[str, int, str], str] = {}
    for where, row in table:
        try:
            postcode = normalise_postcode(row[columns["postcode"]])
        except InvalidPostcode as exc:
            problems.add(where, str(exc))
            continue
        raw_number = row[columns["number"]].strip()
        if not (raw_number.isascii() and raw_number.isdigit()) or not 0 < int(raw_number) < 100000:
            problems.add(where, f"house number {raw_number!r} is not a whole number from 1 to 99999")
            continue
        number = int(raw_number)
        addition = normalise_addition("".join(row[columns[k]] for k in ("letter", "addition") if k in columns))
        street = row[columns["street"]].strip()
        if not street:
            problems.add(where, "empty street name")
        keys = ("x", "y") if the_crs == RD_NEW else ("lon", "lat")
        try:
            first, second = (finite_number(row[columns[k]], where) for k in keys)
        except ImportRefusal as refusal:
            problems.refuse(refusal)
            continue
        except ValueError:
            problems.add(where, f"coordinates {[row[columns[k]] for k in keys]} are not numbers")
            continue
        box = RD_BOX if the_crs == RD_NEW else NL_LONLAT_BOX
        if not (box[0] <= first <= box[2] and box[1] <= second <= box[3]):
            names = "x, y in RD New" if the_crs == RD_NEW else "lon, lat in WGS84"
            problems.add(
                where,
                f"coordinates ({first}, {second}) as {names} lie outside the Netherlands; swapped, or in another CRS?",
            )
            continue
        key = (postcode, number, addition)
        if key in seen:
            problems.add(where, f"address {postcode} {number}{addition} also on {seen[key]}")
        seen[key] = where
        rows.append((postcode, number, addition, street, first, second))
    return rows


def import_addresses(
    source: Path, geodata_dir: Path, *, crs: str | None = None, max_bytes: int = IMPORT_MAX_BYTES
) -> AddressImport:
    """Write geodata/registers/addresses.csv from an address CSV; all or nothing.

    x/y columns are read as RD New and lat/lon as WGS84 unless `crs` says otherwise. The delimiter (comma,
    semicolon or tab) is taken from the header line. The file is read row by row, and refused unread when it is
    larger than `max_bytes`.
    """
    problems = ProblemCollector(source)
    try:
        with read_csv(source, max_bytes) as table:
            columns, the_crs = _columns(table.header, crs, problems)
            rows = _rows(table, columns, the_crs, problems)
    except ImportRefusal as refusal:
        raise problems.stop(refusal) from refusal
    problems.raise_if_any()
    if not rows:
        raise problems.fail("", "no addresses in the file")

    firsts = np.array([r[4] for r in rows])
    seconds = np.array([r[5] for r in rows])
    if the_crs == RD_NEW:
        lats, lons = rd_to_wgs84_many(firsts, seconds)
    else:
        lons, lats = firsts, seconds
    addresses = [
        Address(r[0], r[1], r[2], r[3], round(float(lat), 7), round(float(lon), 7))
        for r, lat, lon in zip(rows, lats.tolist(), lons.tolist(), strict=True)
    ]
    addresses.sort(key=lambda a: (a.postcode, a.house_number, a.addition))
    index = AreaIndex(load_boundaries(geodata_dir).buurt_polygons)
    outside = int(np.count_nonzero(index.find_many(lons, lats) == OUTSIDE))

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STORED_COLUMNS)
    for a in addresses:
        writer.writerow([a.postcode, a.house_number, a.addition, a.street, f"{a.lat:.7f}", f"{a.lon:.7f}"])
    path = addresses_path(geodata_dir)
    write_file_atomically(path, out.getvalue())
    notes = [f"{outside} address(es) lie outside the municipality"] if outside else []
    return AddressImport(path, len(addresses), outside, notes)
