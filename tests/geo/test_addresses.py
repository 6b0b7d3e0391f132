"""Address register: CSV import (RD New or WGS84), geocode(postcode, number, addition), broken files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from participation.geo import (
    GeoDataError,
    GeoImportError,
    InvalidPostcode,
    build_geocoder,
    normalise_postcode,
)
from participation.geo.address_import import import_addresses

LatLon = Callable[[float, float], tuple[float, float]]

# Made-up addresses at RD points inside Dordrecht (block E104800N424800); not real BAG records.
RD_CSV = """postcode,huisnummer,toevoeging,straatnaam,x,y
3311AB,10,,Voorstraat,104850.5,424850.5
3311AB,10,A,Voorstraat,104860.0,424850.0
3311AB,12,1 hoog,Voorstraat,104870.0,424850.0
3311 ac,5,,Johan de Wittstraat,104700.0,425100.0
"""


def write(tmp_path: Path, text: str, name: str = "adressen.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_normalise_postcode() -> None:
    assert normalise_postcode("3317 ab") == "3317AB"
    assert normalise_postcode(" 3317AB ") == "3317AB"
    for bad in ("0317AB", "3317A", "33170AB", "ABCDEF", ""):
        with pytest.raises(InvalidPostcode):
            normalise_postcode(bad)


def test_import_rd_new_and_geocode(geodata_dir: Path, tmp_path: Path) -> None:
    result = import_addresses(write(tmp_path, RD_CSV), geodata_dir)
    assert (result.addresses, result.outside_municipality) == (4, 0)
    geocoder = build_geocoder(geodata_dir)

    found = geocoder.geocode("3311 ab", 10)
    assert found is not None and found.exact
    assert found.address.street == "Voorstraat" and found.address.addition == ""
    assert found.location.block_id == "E104800N424800"
    assert found.location.buurt is not None and found.location.buurt.code == "BU05050111"

    with_addition = geocoder.geocode("3311AB", 10, "a")
    assert with_addition is not None and with_addition.exact and with_addition.address.addition == "A"
    assert geocoder.geocode("3311ab", 12, "1-HOOG") is not None
    assert geocoder.geocode("3311AC", 5, None) is not None


def test_unknown_addition_falls_back_to_the_building_and_says_so(geodata_dir: Path, tmp_path: Path) -> None:
    import_addresses(write(tmp_path, RD_CSV), geodata_dir)
    geocoder = build_geocoder(geodata_dir)
    found = geocoder.geocode("3311AB", 10, "Z")
    assert found is not None and not found.exact and found.address.house_number == 10
    assert geocoder.geocode("3311AB", 11) is None
    assert geocoder.geocode("9999ZZ", 1) is None
    with pytest.raises(InvalidPostcode):
        geocoder.geocode("33", 1)


def test_geocode_without_register_says_so(geocoder: object) -> None:
    with pytest.raises(GeoDataError, match="no address register"):
        geocoder.geocode("3311AB", 10)  # type: ignore[attr-defined]


def test_wgs84_semicolon_and_decimal_comma(geodata_dir: Path, tmp_path: Path, rd_to_lat_lon: LatLon) -> None:
    lat, lon = rd_to_lat_lon(104850.5, 424850.5)
    text = "Postcode;Huisnummer;Huisletter;Huisnummertoevoeging;Openbare_ruimte;Lat;Lon\n"
    text += f"3311AB;10;b;2;Voorstraat;{lat:.7f};{lon:.7f}\n".replace(".", ",")
    text += "3311AB;11;;;Voorstraat;51,81;4,66\n"
    result = import_addresses(write(tmp_path, text), geodata_dir)
    assert result.addresses == 2
    found = build_geocoder(geodata_dir).geocode("3311AB", 10, "B2")
    assert found is not None and found.location.block_id == "E104800N424800"


def test_wgs84_given_as_x_y_with_crs(geodata_dir: Path, tmp_path: Path) -> None:
    text = "postcode,number,addition,street,x,y\n3311AB,11,,Voorstraat,4.66,51.81\n"
    with pytest.raises(GeoImportError, match="outside the Netherlands"):
        import_addresses(write(tmp_path, text), geodata_dir)
    assert import_addresses(write(tmp_path, text), geodata_dir, crs="EPSG:4326").addresses == 1


def test_addresses_outside_the_municipality_are_kept_and_counted(geodata_dir: Path, tmp_path: Path) -> None:
    text = RD_CSV + "3011AA,1,,Coolsingel,92800.0,437600.0\n"
    result = import_addresses(write(tmp_path, text), geodata_dir)
    assert result.outside_municipality == 1 and result.notes
    found = build_geocoder(geodata_dir).geocode("3011AA", 1)
    assert found is not None and not found.location.inside


def test_wrong_columns_are_named(geodata_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "pc,nr,straat,x,y\n3311AB,10,Voorstraat,104850,424850\n")
    with pytest.raises(GeoImportError) as error:
        import_addresses(path, geodata_dir)
    message = str(error.value)
    assert str(path) in message and "header" in message
    assert "postcode" in message and "huisnummer" not in message
    assert "number" in message and "found: pc, nr, straat, x, y" in message


def test_missing_coordinate_columns(geodata_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(GeoImportError, match="coordinates"):
        import_addresses(write(tmp_path, "postcode,huisnummer,straat\n3311AB,10,Voorstraat\n"), geodata_dir)


def test_bad_rows_are_all_named_and_nothing_is_imported(geodata_dir: Path, tmp_path: Path) -> None:
    import_addresses(write(tmp_path, RD_CSV, "good.csv"), geodata_dir)
    target = geodata_dir / "registers" / "addresses.csv"
    before = target.read_bytes()
    broken = RD_CSV + (
        "3311AB,20,,Voorstraat,abc,424850\n"  # row 6: not a number
        "3311AB,21,,Voorstraat,424850,104850\n"  # row 7: x and y swapped
        "33XX,22,,Voorstraat,104850,424850\n"  # row 8: postcode
        "3311AB,tien,,Voorstraat,104850,424850\n"  # row 9: house number
        "3311AB,10,a,Voorstraat,104850,424850\n"  # row 10: same as row 3
        "3311AB,23,,,104850,424850\n"  # row 11: no street
    )
    with pytest.raises(GeoImportError) as error:
        import_addresses(write(tmp_path, broken, "broken.csv"), geodata_dir)
    problems = dict(error.value.problems)
    assert set(problems) == {f"row {n}" for n in range(6, 12)}
    assert "not numbers" in problems["row 6"]
    assert "swapped" in problems["row 7"]
    assert "postcode" in problems["row 8"]
    assert "house number 'tien'" in problems["row 9"]
    assert "row 3" in problems["row 10"]
    assert "street" in problems["row 11"]
    assert "broken.csv: row 6:" in str(error.value)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["addresses.csv"]


@pytest.mark.parametrize(
    ("crs", "message"),
    [("EPSG:999999", "unknown CRS 'EPSG:999999'"), ("EPSG:3857", "unsupported CRS 'EPSG:3857'")],
)
def test_unknown_or_unsupported_crs(geodata_dir: Path, tmp_path: Path, crs: str, message: str) -> None:
    with pytest.raises(GeoImportError, match=message):
        import_addresses(write(tmp_path, RD_CSV), geodata_dir, crs=crs)
    assert not (geodata_dir / "registers" / "addresses.csv").exists()


def test_empty_file(geodata_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(GeoImportError, match="empty"):
        import_addresses(write(tmp_path, ""), geodata_dir)
    with pytest.raises(GeoImportError, match="no addresses"):
        import_addresses(write(tmp_path, RD_CSV.splitlines()[0] + "\n"), geodata_dir)
