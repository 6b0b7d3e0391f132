"""Benchmark of the block heat map page against plain folium drawing the same counts, and against a folium HeatMap
of the raw points, in interleaved rounds measured in one run (median and range of each ratio).

Run: .venv/bin/python bench/maps.py [--responses 100000] [--rounds 3] [--repeats 3]
         [--database-url postgresql+psycopg://...]

Without --database-url the responses go into a temporary SQLite file (removed afterwards); with it, the database
named in the URL is dropped and made afresh (PostgreSQL). Responses are spread over Dordrecht's buurten the way
people live: every buurt gets a few dozen streets (points inside the buurt), responses lie around those streets,
and the focus area's buurten get three times the weight of the others (the programme asks there first).

Each round times, one after the other, the median of --repeats warm runs of:
- ours: the block heat map page as an analyst sees it, through the app (GET the page, which carries the figures
  as a JSON data block, and GET its folium map script): SQL grouping per buurt and block, the nested cells,
  suppression, the table, folium. Size = page HTML + the map's script as transferred (gzip; Leaflet's own files
  are static files kept for a year and not counted).
- same counts: plain folium drawing the very cells the page draws (their polygons and counts, taken once from the
  map's GeoJSON export before the clock runs) as a folium.Choropleth with a tooltip per cell, rendered as folium's
  HTML document, after one bare GROUP BY of the responses per buurt and block from the same database: the least
  that counting and drawing the same figures costs, without the nesting and suppression, which are the project's.
- raw points: every response's point read from the same database and drawn as a folium HeatMap (what drawing the
  responses directly costs).
Goals: page <= 400 KB; time <= 0.3 x the HeatMap's; time <= 1 x plain folium's of the same counts. A missed goal
prints MISSED, and the exit status is 1 once everything is printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from shapely.geometry import Point, shape

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import folium  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from folium.features import GeoJsonTooltip  # noqa: E402
from folium.plugins import HeatMap  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
from bench.serving import Figure, print_table  # noqa: E402
from participation import create_app  # noqa: E402
from participation.accounts.operations import create_staff_user, ensure_organisation  # noqa: E402
from participation.extensions import db  # noqa: E402
from participation.geo.blocks import block_corners, format_block_ids, rd_to_wgs84_many, wgs84_to_rd_many  # noqa: E402
from participation.models import Buurt, Role, StoredLocation, SurveyResponse, SurveyVersion, Wijk  # noqa: E402
from participation.models.locations import LocationPrecision  # noqa: E402

BATCH = 20_000
STREETS_PER_BUURT = 30
SPREAD_M = 70.0  # how far from its street a response lies (standard deviation)
GOAL_BYTES = 400 * 1024
GOAL_RATIO = 0.3  # against the HeatMap of the raw points
GOAL_SAME_COUNTS = 1.0  # against plain folium drawing the same counts


def random_points_in(polygon: object, n: int, rng: random.Random) -> list[tuple[float, float]]:
    """n uniform (lon, lat) points inside a polygon, by rejection from its bounding box."""
    minx, miny, maxx, maxy = polygon.bounds  # type: ignore[attr-defined]
    points: list[tuple[float, float]] = []
    while len(points) < n:
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if polygon.contains(Point(lon, lat)):  # type: ignore[attr-defined]
            points.append((lon, lat))
    return points


def fill(responses: int, seed: int = 11) -> None:
    """Bulk-insert locations and responses (no answers: the heat map counts responses)."""
    rng = random.Random(seed)
    year = db.session.scalar(sa.select(sa.func.max(Buurt.boundary_year)))
    rows = db.session.execute(
        sa.select(Buurt.code, Wijk.code, Buurt.in_focus_area, Buurt.geometry_geojson)
        .join(Wijk)
        .where(Buurt.boundary_year == year)
    ).all()
    streets = []  # (buurt, wijk, focus, lon, lat) of every street centre
    weights = []
    for buurt, wijk, focus, geometry in rows:
        polygon = shape(json.loads(geometry))
        for lon, lat in random_points_in(polygon, STREETS_PER_BUURT, rng):
            streets.append((buurt, wijk, bool(focus), lon, lat))
            weights.append(3.0 if focus else 1.0)
    version_id = db.session.scalar(sa.select(SurveyVersion.id).order_by(SurveyVersion.id))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    numbers = np.random.default_rng(seed)
    connection = db.session.connection()
    next_id = 1
    for offset in range(0, responses, BATCH):
        count = min(BATCH, responses - offset)
        chosen = rng.choices(streets, weights=weights, k=count)
        lons = np.asarray([street[3] for street in chosen])
        lats = np.asarray([street[4] for street in chosen])
        xs, ys = wgs84_to_rd_many(lats, lons)
        xs += numbers.normal(0, SPREAD_M, count)
        ys += numbers.normal(0, SPREAD_M, count)
        blocks = format_block_ids(*block_corners(xs, ys))
        # Stored as if each resident consented to the exact point: the baseline draws raw points.
        lats, lons = rd_to_wgs84_many(xs, ys)
        connection.execute(
            sa.insert(StoredLocation),
            [
                {"id": next_id + i, "latitude": float(lats[i]), "longitude": float(lons[i]),
                 "precision": LocationPrecision.EXACT, "inside": True, "boundary_year": year,
                 "wijk_code": street[1], "buurt_code": street[0], "block_id": blocks[i], "street_name": None,
                 "in_focus_area": street[2], "geocoded_at": start}
                for i, street in enumerate(chosen)
            ],
        )  # fmt: skip
        connection.execute(
            sa.insert(SurveyResponse),
            [
                {"id": next_id + i, "survey_version_id": version_id, "language": "nl", "channel": "api",
                 "location_id": next_id + i, "submission_key": f"bench-{next_id + i}",
                 "receipt_code_hash": f"{next_id + i:064d}",
                 "submitted_at": start + timedelta(minutes=rng.randrange(365 * 24 * 60))}
                for i in range(count)
            ],
        )  # fmt: skip
        next_id += count
    db.session.commit()


def median_time(work: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``repeats`` runs (the caller warms the work once first, as a running server is)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def heatmap_of_raw_points() -> str:
    """The raw-point baseline: every response's point from the database, drawn by folium's HeatMap plugin."""
    points = db.session.execute(
        sa.select(StoredLocation.latitude, StoredLocation.longitude).join(
            SurveyResponse, SurveyResponse.location_id == StoredLocation.id
        )
    ).all()
    fmap = folium.Map(location=(51.8, 4.66), zoom_start=13, tiles=None)
    HeatMap([(lat, lon) for lat, lon in points], radius=12).add_to(fmap)  # type: ignore[no-untyped-call]
    return fmap.get_root().render()


def counts_per_block() -> dict[tuple[str | None, str | None], int]:
    """One bare GROUP BY of the responses per buurt and block: the least that counting the map's figures costs."""
    rows = db.session.execute(
        sa.select(StoredLocation.buurt_code, StoredLocation.block_id, sa.func.count())
        .join(SurveyResponse, SurveyResponse.location_id == StoredLocation.id)
        .group_by(StoredLocation.buurt_code, StoredLocation.block_id)
    ).all()
    return {(buurt, block): int(count) for buurt, block, count in rows}


def choropleth_of_same_counts(cells: dict[str, Any]) -> str:
    """Plain folium drawing the page's own cells: the same polygons with the same counts as a Choropleth, the
    hidden ones grey, a tooltip per cell, rendered as folium's HTML document. ``cells`` is the map's GeoJSON
    export; its class limits (the legend's lower bounds) are the Choropleth's bins, so the colours agree too."""
    counts = {
        feature["properties"]["key"]: feature["properties"]["count"]
        for feature in cells["features"]
        if feature["properties"]["count"] is not None
    }
    lows = [entry["low"] for entry in cells["properties"]["legend"] if entry["low"] is not None]
    bins = sorted({*lows, max(counts.values()) + 1}) if counts else 6
    fmap = folium.Map(location=(51.8, 4.66), zoom_start=13, tiles=None)
    choropleth = folium.Choropleth(
        geo_data=cells,
        data=counts,
        key_on="feature.properties.key",
        bins=bins,
        fill_color="YlOrRd",
        nan_fill_color="#8c8c8c",
        fill_opacity=0.75,
        line_weight=0.5,
    )
    choropleth.add_to(fmap)
    GeoJsonTooltip(fields=["name", "count", "note"]).add_to(choropleth.geojson)
    return fmap.get_root().render()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the three sides")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each side per round (median)")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    password = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        if args.database_url:
            fresh_database(url)
        config = {"DATABASE_URL": url, "SECRET_KEY": "bench" * 10, "ENV": "testing", "TESTING": True,
                  "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "TILE_URL": ""}  # fmt: skip
        app = create_app(config)
        if "maps" not in app.blueprints:
            from participation.blueprints.bureau.maps import bp

            app.register_blueprint(bp)
        with app.app_context():
            upgrade()
            assert app.test_cli_runner().invoke(args=["content", "load"]).exit_code == 0
            started = time.perf_counter()
            fill(args.responses)
            print(f"filled {args.responses:,} responses in {time.perf_counter() - started:.1f} s ({url.split(':')[0]})")
            create_staff_user(
                db.session,
                email="analyst@bench.example",
                password=password,
                role=Role.ANALYST,
                organisation=ensure_organisation(db.session, "Gemeente Dordrecht"),
            )
            db.session.commit()
            blocks = db.session.scalar(sa.select(sa.func.count(sa.distinct(StoredLocation.block_id))))
        client = app.test_client()
        assert client.post("/login", data={"email": "analyst@bench.example", "password": password}).status_code == 302
        sizes: dict[str, int] = {}

        # The sizes are what a browser transfers, compressed: gzip, which every browser takes (Chromium would get
        # zstd or brotli, a little smaller still).
        browser = {"Accept-Encoding": "gzip"}

        def page() -> None:
            html = client.get("/bureau/maps/blocks", headers=browser)
            text = (
                gzip.decompress(html.get_data()).decode()
                if html.content_encoding == "gzip"
                else html.get_data(as_text=True)
            )
            script_url = re.search(r'<script src="(/bureau/maps/script/[^"]+)"', text)
            assert script_url is not None
            script = client.get(script_url.group(1), headers=browser)
            assert html.status_code == script.status_code == 200
            sizes["html"], sizes["script"] = len(html.get_data()), len(script.get_data())

        # The cells the page draws, as the analyst may export them: taken once, before any clock runs.
        export = client.get("/bureau/maps/blocks.geojson")
        assert export.status_code == 200
        cells = json.loads(export.get_data())
        shown = sum(1 for feature in cells["features"] if feature["properties"]["status"] == "shown")

        counting: list[float] = []  # the GROUP BY's share of the same-counts baseline, per run

        def same_counts() -> str:
            started = time.perf_counter()
            counts_per_block()
            counting.append(time.perf_counter() - started)
            return choropleth_of_same_counts(cells)

        time_heat = Figure("block map page / HeatMap of raw points", "ms", GOAL_RATIO, higher_is_better=False)
        time_same = Figure("block map page / folium of same counts", "ms", GOAL_SAME_COUNTS, higher_is_better=False)
        page()  # warm: templates compiled, caches filled, as on a running server
        with app.app_context():
            # Folium's documents as a server would send them, gzip-compressed like the page.
            heat_size = len(gzip.compress(heatmap_of_raw_points().encode()))
            same_size = len(gzip.compress(same_counts().encode()))
            for _ in range(args.rounds):
                ours = median_time(page, args.repeats) * 1000
                time_heat.add(ours, median_time(heatmap_of_raw_points, args.repeats) * 1000)
                time_same.add(ours, median_time(same_counts, args.repeats) * 1000)
        size = sizes["html"] + sizes["script"]
        print(f"{blocks:,} blocks hold the responses; the page draws {len(cells['features']):,} cells, {shown:,} shown")
        print(f"{args.rounds} interleaved rounds (page, HeatMap, same counts), median of {args.repeats} runs each")
        missed = print_table([time_heat, time_same])
        print(f"(of the same-counts baseline, the GROUP BY takes a median {statistics.median(counting) * 1000:.0f} ms)")
        print("sizes (page HTML with the figures + map script; folium's documents)")
        html_kb, script_kb = sizes["html"] / 1024, sizes["script"] / 1024
        print(f"  page {size / 1024:.1f} KB (HTML {html_kb:.1f} KB + script {script_kb:.1f} KB),"
              f" HeatMap {heat_size / 1024:.1f} KB, same counts {same_size / 1024:.1f} KB;"
              f" ratios {size / heat_size:.2f} and {size / same_size:.2f}, no goal")  # fmt: skip
        met = size <= GOAL_BYTES
        missed += not met
        print(f"  {'ok    ' if met else 'MISSED'} page weight {size / 1024:.1f} KB: goal <= {GOAL_BYTES // 1024} KB")
    if missed:
        print(f"MISSED: {missed} goal(s) above")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
