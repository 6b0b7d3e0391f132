"""``flask geo``: import official geodata into the geodata directory, and locate points from the shell."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any, TextIO

import click
from flask import current_app
from flask.cli import AppGroup

from participation.cli.limits import geodata_max_bytes, import_max_bytes
from participation.cli.refusals import exit_on
from participation.extensions import db
from participation.geo.address_import import import_addresses
from participation.geo.app_geocoder import current_geocoder, forget_geocoders
from participation.geo.boundary_import import import_boundaries
from participation.geo.errors import GeoDataError
from participation.geo.geocoder import Geocoder
from participation.geo.locations import regeocode
from participation.geo.street_import import import_streets
from participation.indicators.tallies import rebuild_tallies

geo = AppGroup("geo", help="Geodata: import boundaries and registers, locate points.")

_source = click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
_crs = click.option("--crs", help="CRS to assume when the file names none, e.g. EPSG:28992 (RD New).")
_layer = click.option("--layer", help="Layer to read from a multi-layer file such as a GeoPackage.")


def _geodata_dir() -> Path:
    return Path(current_app.config["GEODATA_DIR"])


def _geocoder(year: int | None = None) -> Geocoder:
    with exit_on(GeoDataError):
        return current_geocoder(year)


def _echo_notes(notes: list[str]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)


@geo.group("import")
def import_group() -> None:
    """Import official sources into the geodata directory (all or nothing, within PARTICIPATION_GEODATA_MAX_MB
    for vector files and PARTICIPATION_IMPORT_MAX_MB for the address CSV)."""


@import_group.command("boundaries")
@_source
@click.option("--municipality", default="GM0505", show_default=True, help="CBS municipality code to keep.")
@click.option("--year", type=int, help="Boundary year, when the file has no 'jaar' column.")
@_layer
@_crs
def import_boundaries_command(
    source: Path, municipality: str, year: int | None, layer: str | None, crs: str | None
) -> None:
    """CBS wijk- en buurtkaart buurten (GeoPackage, GeoJSON or Shapefile, any CRS)."""
    with exit_on(GeoDataError):
        result = import_boundaries(
            source,
            _geodata_dir(),
            municipality=municipality,
            year=year,
            layer=layer,
            crs=crs,
            max_bytes=geodata_max_bytes(),
        )
    forget_geocoders()
    _echo_notes(result.notes)
    click.echo(
        f"Boundaries {result.year} of {result.municipality_code}: {result.buurten} buurten, "
        f"{result.wijken} wijken written to {result.directory}"
    )


@import_group.command("streets")
@_source
@click.option("--name-column", help="Column with the street name (default: name, straatnaam, STT_NAAM, ...).")
@_layer
@_crs
def import_streets_command(source: Path, name_column: str | None, layer: str | None, crs: str | None) -> None:
    """Street register: lines with a street name (OpenStreetMap or NWB export)."""
    with exit_on(GeoDataError):
        result = import_streets(
            source, _geodata_dir(), layer=layer, name_column=name_column, crs=crs, max_bytes=geodata_max_bytes()
        )
    forget_geocoders()
    _echo_notes(result.notes)
    click.echo(
        f"Streets: {result.streets} streets in {result.lines} lines written to {result.path} "
        f"({result.unnamed_skipped} unnamed and {result.outside_skipped} outside lines left out)"
    )


@import_group.command("addresses")
@_source
@click.option("--crs", help="CRS of the coordinates: EPSG:28992 (default for x/y) or EPSG:4326.")
def import_addresses_command(source: Path, crs: str | None) -> None:
    """Address register: CSV with postcode, house number, addition, street and coordinates."""
    with exit_on(GeoDataError):
        result = import_addresses(source, _geodata_dir(), crs=crs, max_bytes=import_max_bytes())
    forget_geocoders()
    _echo_notes(result.notes)
    click.echo(f"Addresses: {result.addresses} written to {result.path}")


def _parse_point(text: str) -> tuple[float, float]:
    parts = text.replace(",", " ").split()
    if len(parts) != 2:
        raise ValueError(f"expected 'LAT LON', got {text.strip()!r}")
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(f"expected two numbers 'LAT LON', got {text.strip()!r}") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"not a WGS84 point (lat -90..90, lon -180..180): {text.strip()!r}")
    return lat, lon


def _dump(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def _locate_lines(geocoder: Geocoder, stream: TextIO) -> None:
    for number, line in enumerate(stream, start=1):
        try:
            lat, lon = _parse_point(line)
        except ValueError as error:
            click.echo(_dump({"error": f"line {number}: {error}", "line": number}))
            continue
        click.echo(_dump(geocoder.locate(lat, lon).to_json_dict()))


# ignore_unknown_options lets negative coordinates ("-33.9") through as arguments instead of options.
@geo.command("locate", context_settings={"ignore_unknown_options": True})
@click.argument("point", nargs=-1, required=True)
def locate(point: tuple[str, ...]) -> None:
    """Locate LAT LON, or with "-" every "LAT LON" line of standard input, as one JSON object per line."""
    if point == ("-",):
        _locate_lines(_geocoder(), sys.stdin)
        return
    if len(point) != 2:
        raise click.UsageError("give LAT LON, or - to read 'LAT LON' lines from standard input")
    try:
        lat, lon = _parse_point(" ".join(point))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="LAT LON") from error
    click.echo(_dump(_geocoder().locate(lat, lon).to_json_dict()))


@geo.command("regeocode")
@click.option("--year", type=int, required=True, help="Boundary year to move every stored location to.")
def regeocode_command(year: int) -> None:
    """Move every location stored on older boundaries to the boundaries of YEAR, in one batch."""
    geocoder = _geocoder(year)
    report = regeocode(db.session, geocoder)
    # Moved locations change which buurt and wijk the dashboard counts them in.
    rebuild_tallies(db.session)
    db.session.commit()
    click.echo(
        f"Looked again at {report.examined} locations on boundaries older than {year}; "
        f"{report.moved_total} changed buurt."
    )
    for (before, after), count in sorted(report.moved.items(), key=lambda item: (-item[1], str(item[0]))):
        click.echo(f"  {before or 'outside'} -> {after or 'outside'}: {count}")
    for code, count in sorted(report.kept_without_point.items()):
        click.echo(f"  {code}: {count} chosen from a list, without a point; buurt gone in {year}, left on older codes")
