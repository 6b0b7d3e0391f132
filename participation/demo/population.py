"""Residents per buurt for the demo year: the imported CBS figures when there are any, otherwise an estimate.

The copied CBS table (geodata/sources/cbs-2024) has each buurt's area but no residents, so a demo without an import
(``flask indicators import-population``) estimates them from the area and a density drawn per buurt, and stores
them as demo rows. Industrial buurten get almost no residents, as in reality.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from shapely.geometry.base import BaseGeometry
from sqlalchemy import func, select

from participation.demo.registry import Registry
from participation.geo import Geocoder
from participation.indicators.population import ALL
from participation.models import PopulationCount
from participation.models.base import DbSession

# Shares of the residents per age band in a Dordt West buurt (younger than the Dutch average), and per sex.
AGE_SHARES = {"0_14": 0.19, "15_24": 0.13, "25_44": 0.28, "45_64": 0.24, "65_plus": 0.16}
SEX_SHARES = {"f": 0.505, "m": 0.495}
# Wijken without housing to speak of: harbours and industry (Wijk 19 Industriegebied West).
INDUSTRIAL_WIJKEN = frozenset({"WK050519"})
# One degree of latitude and (at Dordrecht's 51.8 degrees) longitude in metres, for areas in hectares.
_METRES_PER_DEGREE_LAT = 111_200.0
_METRES_PER_DEGREE_LON = 68_800.0


def population_by_buurt(db: DbSession, year: int) -> dict[str, int]:
    """Residents per buurt (the sum of its age bands) in ``year``, or in the latest year before it, or any year."""
    latest = db.scalar(select(func.max(PopulationCount.year)).where(PopulationCount.year <= year))
    if latest is None:
        latest = db.scalar(select(func.max(PopulationCount.year)))
    if latest is None:
        return {}
    rows = db.execute(
        select(PopulationCount.buurt_code, func.sum(PopulationCount.count))
        .where(PopulationCount.year == latest, PopulationCount.sex == ALL)
        .group_by(PopulationCount.buurt_code)
    ).all()
    return {str(code): int(total) for code, total in rows}


def hectares(polygon: BaseGeometry) -> float:
    return float(polygon.area) * _METRES_PER_DEGREE_LAT * _METRES_PER_DEGREE_LON / 10_000.0


def estimate_population(geocoder: Geocoder, rng: random.Random) -> dict[str, int]:
    """A plausible number of residents per buurt: area times a density drawn per buurt (in boundary order)."""
    estimates: dict[str, int] = {}
    for buurt, polygon in zip(geocoder.boundaries.buurten, geocoder.boundaries.buurt_polygons, strict=True):
        density = rng.uniform(0.5, 3.0) if buurt.wijk_code in INDUSTRIAL_WIJKEN else rng.uniform(45.0, 110.0)
        estimates[buurt.code] = max(10, int(round(hectares(polygon) * density, -1)))
    return estimates


def store_estimate(registry: Registry, year: int, estimates: Mapping[str, int]) -> None:
    """The estimate as PopulationCount rows (per age band, per sex) of ``year``, registered as demo rows."""
    rows = []
    for code, total in estimates.items():
        for band, share in AGE_SHARES.items():
            rows.append({"buurt_code": code, "year": year, "age_band": band, "sex": ALL, "count": round(total * share)})
        for sex, share in SEX_SHARES.items():
            rows.append({"buurt_code": code, "year": year, "age_band": ALL, "sex": sex, "count": round(total * share)})
    registry.insert(PopulationCount, rows)
