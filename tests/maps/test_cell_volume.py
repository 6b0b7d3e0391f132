"""The cell map at the volume of a real year: about 4,000 located sources over the real buurten draw most of them
in cells, fast, and ``flask maps coverage`` reports the shares the page shows."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import numpy as np
import pytest
from flask import Flask
from shapely.geometry import Point, shape
from sqlalchemy import func, select

from participation.geo.blocks import block_centre, block_id
from participation.maps import MapFilter, cell_layer, map_data
from participation.models import Buurt, LocationPrecision, Role, StoredLocation, SurveyResponse, SurveyVersion
from participation.models.base import DbSession
from participation.models.surveys import ResponseChannel
from tests.factories import WHEN, StaffAccount, sign_in

K = 5
SOURCES = 4000


def seed_year(session: DbSession, seed: int = 7) -> None:
    """Responses at block centres of points drawn inside the real buurten, some buurten twice as keen."""
    rng = np.random.default_rng(seed)
    year = session.scalar(select(func.max(Buurt.boundary_year)))
    buurten = session.execute(select(Buurt.code, Buurt.geometry_geojson).where(Buurt.boundary_year == year)).all()
    version = session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)).first()
    assert version is not None
    keen = rng.choice([0.5, 1.0, 2.0], size=len(buurten))
    picks = rng.choice(len(buurten), size=SOURCES, p=keen / keen.sum())
    outlines = {code: shape(json.loads(geometry)) for code, geometry in buurten}
    codes = [code for code, _geometry in buurten]
    # Residents gather: each buurt's sources crowd round a few spots of it.
    spots: dict[str, list[tuple[float, float]]] = {}
    for number, pick in enumerate(picks):
        code = codes[pick]
        outline = outlines[code]
        west, south, east, north = outline.bounds
        if code not in spots:
            spots[code] = []
            while len(spots[code]) < 4:
                lon, lat = rng.uniform(west, east), rng.uniform(south, north)
                if outline.contains(Point(lon, lat)):
                    spots[code].append((lat, lon))
        lat, lon = spots[code][rng.integers(4)]
        lat, lon = lat + rng.normal(0, 0.0015), lon + rng.normal(0, 0.0025)
        block = block_id(lat, lon)
        assert block is not None
        centre = block_centre(block)
        location = StoredLocation(
            latitude=centre[0],
            longitude=centre[1],
            precision=LocationPrecision.BLOCK,
            inside=True,
            boundary_year=year,
            buurt_code=code,
            block_id=block,
            in_focus_area=False,
        )
        session.add(
            SurveyResponse(
                survey_version=version,
                language="nl",
                channel=ResponseChannel.WEB,
                submission_key=f"volume-{number}",
                receipt_code_hash=f"volume-receipt-{number}",
                location=location,
                submitted_at=WHEN,
            )
        )
    session.commit()


@pytest.fixture
def year(loaded_app: Flask, session: DbSession) -> DbSession:
    seed_year(session)
    return session


def test_a_year_is_mostly_drawn(year: DbSession) -> None:
    cell_layer(year, MapFilter(), threshold=K, suppress=True)  # the first build clips and caches the outlines
    started = time.perf_counter()
    layer = cell_layer(year, MapFilter(), threshold=K, suppress=True)
    map_data(layer, words={}, tips={figure.key: "" for figure in layer.figures}, outlines_url=None)
    elapsed = time.perf_counter() - started
    print(f"cell map of {SOURCES} sources: {elapsed * 1000:.0f} ms, {len(layer.figures)} cells, {layer.coverage}")
    coverage = layer.coverage
    assert coverage is not None and coverage.located == SOURCES
    assert coverage.with_point == SOURCES and coverage.share_of_points_drawn == coverage.share_drawn
    assert coverage.share_drawn > 0.7
    assert 0 < coverage.share_finest < coverage.share_drawn
    assert {figure.size for figure in layer.figures} >= {100, 200}
    assert min(figure.count.value for figure in layer.figures) >= K
    assert 3 <= len(layer.breaks) <= 6  # 4 to 7 classes of the shown values


def test_the_page_of_a_year_answers_with_its_coverage(
    loaded_app: Flask, year: DbSession, make_staff: Callable[..., StaffAccount]
) -> None:
    client = loaded_app.test_client()
    sign_in(client, make_staff(Role.ANALYST))
    assert client.get("/bureau/maps/blocks").status_code == 200  # the first request clips the outlines
    started = time.perf_counter()
    page = client.get("/bureau/maps/blocks")
    elapsed = time.perf_counter() - started
    print(f"cell map page of {SOURCES} sources: {elapsed * 1000:.0f} ms, {len(page.data)} bytes")
    assert page.status_code == 200
    assert 'id="map-coverage"' in page.get_data(as_text=True)
    # How long the page takes is bench/bureau_pages.py's to measure against a baseline; here it is only printed.


def test_flask_maps_coverage_prints_the_shares(loaded_app: Flask, year: DbSession) -> None:
    result = loaded_app.test_cli_runner().invoke(args=["maps", "coverage"])
    assert result.exit_code == 0, result.output
    assert f"located sources: {SOURCES}" in result.output
    assert "drawn at 100 m:" in result.output
    assert f"of the {SOURCES} with a map point:" in result.output
    assert "   1600 m:" in result.output
    refused = loaded_app.test_cli_runner().invoke(args=["maps", "coverage", "--source", "letter"])
    assert refused.exit_code != 0
