"""Benchmark of the bureau dashboard's aggregates on PostgreSQL, with a baseline measured in the same run.

Run: .venv/bin/python bench/dashboard.py [--answers 1000000] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/participation_bench]

Fills a fresh database with survey responses (10 answers each, 5 of them indicators) spread over the buurten and
three years, sums the dashboard's tallies once (as `flask indicators rebuild-tallies` after an upgrade), then times
every table of the dashboard page: indicator means per wijk, focus area and municipality per year with intervals
and weighted means, reach per line, response per buurt and age group. The baseline is a bare GROUP BY over the
answer table, what computing the means straight from the answers would cost at the least. Goal: <= 500 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from flask_migrate import upgrade  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
from participation import create_app  # noqa: E402
from participation.extensions import db  # noqa: E402
from participation.geo.app_geocoder import current_geocoder  # noqa: E402
from participation.indicators.dashboard import build_dashboard  # noqa: E402
from participation.indicators.tallies import rebuild_tallies  # noqa: E402
from participation.models import Answer, StoredLocation, SurveyResponse  # noqa: E402
from participation.models.locations import LocationPrecision  # noqa: E402
from participation.responses.publishing import current_version  # noqa: E402

INDICATOR_QUESTIONS = ("rating_neighbourhood", "safe_day", "safe_evening", "contact_neighbours", "trust_municipality")
OTHER_QUESTIONS = ("good_here", "improve_first", "wants_involved", "age_group", "household")
BATCH = 20_000


def fill(responses: int, seed: int = 7) -> None:
    random_numbers = random.Random(seed)
    geocoder = current_geocoder()
    buurten = [(b.code, b.wijk_code, b.code in geocoder.focus_codes) for b in geocoder.boundaries.buurten]
    version = current_version(db.session, "bewonersenquete")
    assert version is not None
    start = datetime(2024, 1, 1, tzinfo=UTC)
    connection = db.session.connection()
    next_id = 1
    for offset in range(0, responses, BATCH):
        count = min(BATCH, responses - offset)
        places = [random_numbers.choice(buurten) for _ in range(count)]
        connection.execute(
            sa.insert(StoredLocation),
            [
                {"id": next_id + i, "latitude": None, "longitude": None, "precision": LocationPrecision.BUURT,
                 "inside": True, "boundary_year": 2024, "wijk_code": wijk, "buurt_code": buurt, "block_id": None,
                 "street_name": None, "in_focus_area": focus, "geocoded_at": start}
                for i, (buurt, wijk, focus) in enumerate(places)
            ],
        )  # fmt: skip
        connection.execute(
            sa.insert(SurveyResponse),
            [
                {"id": next_id + i, "survey_version_id": version.id, "language": "nl", "channel": "api",
                 "location_id": next_id + i, "submission_key": f"bench-{next_id + i}",
                 "receipt_code_hash": f"{next_id + i:064d}",
                 "submitted_at": start + timedelta(days=random_numbers.randrange(3 * 365))}
                for i in range(count)
            ],
        )  # fmt: skip
        answers = []
        for i in range(count):
            for position, question in enumerate(INDICATOR_QUESTIONS):
                score = random_numbers.randint(1, 10 if question == "rating_neighbourhood" else 5)
                answers.append({"response_id": next_id + i, "question_id": question, "position": position,
                                "value": score, "score": float(score)})  # fmt: skip
            for position, question in enumerate(OTHER_QUESTIONS, start=len(INDICATOR_QUESTIONS)):
                answers.append({"response_id": next_id + i, "question_id": question, "position": position,
                                "value": "tekst", "score": None})  # fmt: skip
        connection.execute(sa.insert(Answer), answers)
        next_id += count
    for table in ("stored_location", "survey_response", "answer"):
        connection.execute(sa.text(f"ANALYZE {table}"))
    db.session.commit()


def timed(work, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/participation_bench")
    args = parser.parse_args()
    fresh_database(args.database_url)
    app = create_app({"DATABASE_URL": args.database_url, "SECRET_KEY": "bench" * 10, "ENV": "testing"})
    with app.app_context():
        upgrade()
        assert app.test_cli_runner().invoke(args=["content", "load"]).exit_code == 0
        responses = args.answers // (len(INDICATOR_QUESTIONS) + len(OTHER_QUESTIONS))
        started = time.perf_counter()
        fill(responses)
        print(f"filled {responses:,} responses with {args.answers:,} answers in {time.perf_counter() - started:.0f} s")
        # Bulk inserts bypass submission, which keeps the tallies; sum them once as an upgrade would.
        started = time.perf_counter()
        rebuild_tallies(db.session)
        db.session.commit()
        print(f"rebuilt the dashboard's tallies from the answers in {time.perf_counter() - started:.1f} s")

        def baseline() -> None:
            db.session.execute(
                sa.text("SELECT question_id, count(*), sum(score) FROM answer GROUP BY question_id")
            ).all()

        def dashboard() -> None:
            build_dashboard(db.session, threshold=5, suppress=True, municipality_code="GM0505")

        base = timed(baseline)
        ours = timed(dashboard)
        print("dashboard aggregates over the answers on PostgreSQL (median of 5)")
        print(f"  baseline: bare GROUP BY over the answer table   {base * 1000:7.1f} ms")
        print(f"  dashboard: every table of the page  {ours * 1000:7.1f} ms  (goal <= 500 ms)")
        print(f"  ratio dashboard / baseline: {ours / base:.2f}")


if __name__ == "__main__":
    main()
