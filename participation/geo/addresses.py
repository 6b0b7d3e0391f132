"""The address register: postcode + house number (+ addition) to a street name and a point."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from participation.geo.errors import GeoDataError, InvalidPostcode

ADDRESSES_FILE = "addresses.csv"
STORED_COLUMNS = ("postcode", "house_number", "addition", "street", "lat", "lon")

# Dutch postcodes: four digits not starting with 0, then two letters.
_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_ADDITION_NOISE = re.compile(r"[\s\-_/.]+")


@dataclass(frozen=True, slots=True)
class Address:
    postcode: str
    house_number: int
    addition: str
    street: str
    lat: float
    lon: float


def normalise_postcode(value: str) -> str:
    """A postcode in its canonical form ("3317 ab" -> "3317AB"); InvalidPostcode when it is not one."""
    compact = "".join(value.split()).upper()
    if not _POSTCODE.fullmatch(compact):
        raise InvalidPostcode(f"not a Dutch postcode (four digits and two letters, e.g. 3317AB): {value!r}")
    return compact


def normalise_addition(value: str | None) -> str:
    """A house-number addition compared loosely: "a", " A", "-a" all become "A"; None becomes ""."""
    if value is None:
        return ""
    return _ADDITION_NOISE.sub("", value).upper()


class AddressRegister:
    """Addresses by (postcode, house number, addition)."""

    def __init__(self, addresses: list[Address]) -> None:
        self._by_key = {(a.postcode, a.house_number, a.addition): a for a in addresses}
        self._by_number: dict[tuple[str, int], Address] = {}
        for address in sorted(addresses, key=lambda a: a.addition):
            self._by_number.setdefault((address.postcode, address.house_number), address)

    def __len__(self) -> int:
        return len(self._by_key)

    def find(self, postcode: str, number: int, addition: str | None = None) -> tuple[Address, bool] | None:
        """The address and whether it matched exactly, or None.

        When the addition is unknown but the house number is, the number's first address is given with
        exact=False: it is the same building, so the location is right to well within a block.
        """
        key = (normalise_postcode(postcode), number, normalise_addition(addition))
        exact = self._by_key.get(key)
        if exact is not None:
            return exact, True
        same_number = self._by_number.get(key[:2])
        if same_number is None:
            return None
        return same_number, False


def addresses_path(geodata_dir: Path) -> Path:
    return geodata_dir / "registers" / ADDRESSES_FILE


def load_addresses(path: Path) -> AddressRegister:
    """The address register written by the import command."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        addresses = [
            Address(
                row["postcode"],
                int(row["house_number"]),
                row["addition"],
                row["street"],
                float(row["lat"]),
                float(row["lon"]),
            )
            for row in rows
        ]
    except (OSError, ValueError, KeyError) as exc:
        raise GeoDataError(f"{path}: cannot read the address register: {exc}") from exc
    return AddressRegister(addresses)
