"""Which buurten form the focus area, from the FOCUS_AREA setting."""

from __future__ import annotations

from participation.geo.boundaries import Boundaries
from participation.geo.errors import FocusAreaError

# The four CBS wijken the programme names as Dordt West (Oud Krispijn, Nieuw-Krispijn, Wielwijk,
# Crabbehof/Zuidhoven); "ruim" takes all their buurten, including those the sources do not name.
RUIM_WIJKEN = frozenset({"WK050503", "WK050504", "WK050507", "WK050508"})


def resolve_focus_area(setting: str, boundaries: Boundaries) -> frozenset[str]:
    """Buurt codes of the focus area: "kern", "ruim", or a comma-separated list of buurt codes."""
    value = setting.strip()
    if value.lower() == "kern":
        codes = frozenset(b.code for b in boundaries.buurten if b.dordt_west == "kern")
    elif value.lower() == "ruim":
        codes = frozenset(b.code for b in boundaries.buurten if b.wijk_code in RUIM_WIJKEN)
    else:
        wanted = [part.strip().upper() for part in value.split(",") if part.strip()]
        if not wanted:
            raise FocusAreaError("FOCUS_AREA is empty; use 'kern', 'ruim' or a comma-separated list of buurt codes")
        known = set(boundaries.buurt_codes())
        unknown = [code for code in wanted if code not in known]
        if unknown:
            raise FocusAreaError(
                f"FOCUS_AREA names buurt codes that are not in the {boundaries.year} boundaries of "
                f"{boundaries.municipality_name}: {', '.join(unknown)}"
            )
        codes = frozenset(wanted)
    if not codes:
        raise FocusAreaError(f"FOCUS_AREA {value!r} selects no buurten in the {boundaries.year} boundaries")
    return codes
