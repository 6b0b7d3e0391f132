"""Benchmark of the resident survey, with baselines measured in the same run.

Run: .venv/bin/python bench/survey.py [--requests N] [--database-url URL]

Prints:
- the bytes each page of the default survey transfers: HTML plus the stylesheets and scripts it loads, map assets
  (Leaflet, the location picker, the buurt outlines) excluded; goal <= 30 KB;
- API submission throughput (POST /api/v1/surveys/bewonersenquete/responses, full validation, geocoding and
  storage) as a ratio to a bare Flask and SQLAlchemy endpoint that inserts one row (bench/bare_insert_app.py),
  both served by the same gunicorn set-up and driven by the same client threads; goal >= 0.4.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from flask_migrate import upgrade  # noqa: E402

from participation import create_app  # noqa: E402
from participation.extensions import db  # noqa: E402

GUNICORN = Path(sys.executable).with_name("gunicorn")
MAP_ASSETS = re.compile(r"leaflet|location-picker|buurten\.geojson")
ANSWERS: dict[str, Any] = {
    "rating_neighbourhood": 7,
    "safe_day": 4,
    "safe_evening": 3,
    "contact_neighbours": 3,
    "trust_municipality": 3,
    "health": "good",
    "good_here": "De markt en de buren",
    "improve_first": "Meer licht in de steegjes",
    "wants_involved": False,
    "age_group": "age_25_44",
    "household": "partner",
}
PAGES = [
    {"rating_neighbourhood": "7", "safe_day": "4", "safe_evening": "2"},
    {"contact_neighbours": "3", "trust_municipality": "3", "health": "good"},
    {"good_here": "Het park", "improve_first": "Licht", "where": "skip"},
    {"wants_involved": "no"},
    {"age_group": "age_25_44", "household": "alone"},
]


def prepare(database_url: str, instance: Path) -> dict[str, Any]:
    settings = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret-key-long-enough-for-the-bench",
        "ENV": "testing",
    }
    app = create_app(settings)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    result = app.test_cli_runner().invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    return settings


def page_weights(settings: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(page, bytes, gzipped bytes) for every page a resident sees, with its own CSS and JS, map assets excluded."""
    app = create_app({**settings, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    client.post("/nl/s/bewonersenquete/start")
    urls = ["/nl/s/bewonersenquete/"] + [f"/nl/s/bewonersenquete/{n}" for n in range(1, 6)]
    weights = []
    for number, url in enumerate(urls):
        html = client.get(url).get_data()
        assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
        body = html + b"".join(
            client.get(asset.decode()).get_data() for asset in assets if not MAP_ASSETS.search(asset.decode())
        )
        weights.append((url, len(body), len(gzip.compress(body))))
        if 1 <= number <= len(PAGES):
            client.post(url, data={"action": "next", **PAGES[number - 1]})
    return weights


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(target: str, env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--log-level",
                "warning",
                target,
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{target} did not start: {log.read_text()}")


def throughput(port: int, path: str, body: dict[str, Any], total: int, threads: int = 8) -> float:
    """Requests per second for ``total`` POSTs over ``threads`` keep-alive connections."""
    payload = json.dumps(body).encode()
    per_thread = total // threads
    failures: list[int] = []

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(per_thread):
            connection.request("POST", path, body=payload, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            if response.status != 201:
                failures.append(response.status)
        connection.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, e.g. status {failures[0]}")
    return per_thread * threads / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--database-url", help="default: a fresh SQLite file; or an empty PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        database_url = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
        bare_url = f"sqlite:///{work / 'bare.sqlite3'}" if not args.database_url else args.database_url
        settings = prepare(database_url, work)

        print("page weight of the default survey (HTML + CSS + JS, map assets excluded; goal <= 30 KB)")
        for url, raw, compressed in page_weights(settings):
            print(f"  {url:32} {raw / 1024:6.1f} KB   gzipped {compressed / 1024:5.1f} KB")

        ours, our_port = serve(
            "wsgi:app",
            {
                "PARTICIPATION_DATABASE_URL": database_url,
                "PARTICIPATION_SECRET_KEY": settings["SECRET_KEY"],
                "PARTICIPATION_API_RATE_LIMIT": "1000000 per minute",
            },
            work / "ours.log",
        )
        bare, bare_port = serve("bench.bare_insert_app:app", {"BARE_DATABASE_URL": bare_url}, work / "bare.log")
        try:
            path = "/api/v1/surveys/bewonersenquete/responses"
            throughput(our_port, path, {"answers": ANSWERS}, 80)
            throughput(bare_port, "/insert", {"answers": ANSWERS}, 80)
            ours_rate = throughput(
                our_port, path, {"answers": ANSWERS, "location": {"buurt": "BU05050401"}}, args.requests
            )
            bare_rate = throughput(bare_port, "/insert", {"answers": ANSWERS}, args.requests)
        finally:
            for process in (ours, bare):
                process.terminate()
                process.wait(timeout=10)
        print(
            f"API submissions ({args.requests} requests, 8 client threads, gunicorn 2 workers x 4 threads, "
            f"{'PostgreSQL' if args.database_url else 'SQLite'})"
        )
        print(f"  baseline: bare Flask + SQLAlchemy insert   {bare_rate:8.1f} requests/s")
        print(f"  POST .../responses (validate, geocode, store) {ours_rate:8.1f} requests/s")
        print(f"  ratio ours / baseline: {ours_rate / bare_rate:.2f}  (goal >= 0.4)")


if __name__ == "__main__":
    main()
