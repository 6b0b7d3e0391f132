"""Benchmark of the block heat map page against a folium HeatMap of the same raw points, measured in one run.

Run: .venv/bin/python bench/maps.py [--responses 100000] [--database-url postgresql+psycopg://...]

Without --database-url the responses go into a temporary SQLite file (removed afterwards); with it, the database
named in the URL is dropped and made afresh (PostgreSQL). Responses are spread over Dordrecht's buurten the way
people live: every buurt gets a few dozen streets (points inside the buurt), responses lie around those streets,
and the focus area's buurten get three times the weight of the others (the programme asks there first).

Measured (median of 5 runs, warm):
- ours: the block heat map page as an analyst sees it, through the app (GET the page, which carries the figures
  as a JSON data block, and GET its folium map script): SQL grouping per block, suppression, the table, folium.
  Size = page HTML + the map's script (Leaflet's own files are static files and not counted). The map script
  holds no figures and is rendered once per process, so the warm runs mostly time the page.
- baseline: the raw points read from the same database and drawn as a folium HeatMap (plugins.HeatMap), rendered
  as folium's HTML document.
Goals: page <= 400 KB, time <= 0.3 x the HeatMap's time.
"""

from __future__ import annotations

import argparse
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

import numpy as np
import sqlalchemy as sa
from shapely.geometry import Point, shape

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import folium  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from folium.plugins import HeatMap  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
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
GOAL_RATIO = 0.3


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


def timed(work: Callable[[], object], repeats: int = 5) -> float:
    work()  # warm: templates compiled, caches filled, as on a running server
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def heatmap_of_raw_points() -> str:
    """The baseline: every raw point from the database, drawn by folium's HeatMap plugin."""
    points = db.session.execute(
        sa.select(StoredLocation.latitude, StoredLocation.longitude).join(
            SurveyResponse, SurveyResponse.location_id == StoredLocation.id
        )
    ).all()
    fmap = folium.Map(location=(51.8, 4.66), zoom_start=13, tiles=None)
    HeatMap([(lat, lon) for lat, lon in points], radius=12).add_to(fmap)
    return fmap.get_root().render()  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=100_000)
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

        def page() -> None:
            html = client.get("/bureau/maps/blocks")
            script_url = re.search(r'<script src="(/bureau/maps/script/[^"]+)"', html.get_data(as_text=True))
            assert script_url is not None
            script = client.get(script_url.group(1))
            assert html.status_code == script.status_code == 200
            sizes["html"], sizes["script"] = len(html.get_data()), len(script.get_data())

        ours = timed(page)
        with app.app_context():
            heat_html = heatmap_of_raw_points()
            base = timed(heatmap_of_raw_points)
        size = sizes["html"] + sizes["script"]
        print(f"{blocks:,} blocks hold the responses")
        print("block heat map page (analyst; page + map script, through the app; median of 5)")
        html_kb, script_kb = sizes["html"] / 1024, sizes["script"] / 1024
        print(f"  size: {size / 1024:7.1f} KB  (HTML with the figures {html_kb:.1f} KB + map script {script_kb:.1f} KB)"
              f"  goal <= {GOAL_BYTES // 1024} KB: {'met' if size <= GOAL_BYTES else 'NOT met'}")  # fmt: skip
        print(f"  time: {ours * 1000:7.1f} ms")
        print("folium HeatMap of the same raw points (read from the database, rendered to HTML; median of 5)")
        print(f"  size: {len(heat_html) / 1024:7.1f} KB")
        print(f"  time: {base * 1000:7.1f} ms")
        print(f"ratios: size {size / len(heat_html):.3f}, time {ours / base:.3f}"
              f"  goal time <= {GOAL_RATIO}: {'met' if ours / base <= GOAL_RATIO else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
