"""Benchmark of the bureau dashboard over HTTP at a million answers on PostgreSQL, against one bare GROUP BY.

Run: .venv/bin/python bench/dashboard.py [--answers 1000000] [--rounds 3] [--keep]
         [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/participation_bench_dashboard]

Creates the database the URL names afresh (it says so), fills it with survey responses (10 answers each, 5 of
them indicators) spread over the buurten and three years, sums the dashboard's tallies once (as `flask indicators
rebuild-tallies` after an upgrade), moves the id sequences past the rows it wrote, and checks that a submission
through the API is still stored. Then gunicorn serves the app as `make run` does, an analyst signs in, and each
round times the whole dashboard page over HTTP (median of 5 requests, one at a time) next to the baseline: one
bare GROUP BY over the answer table (median of 5), what computing the figures straight from the answers would
cost at the least. Goal: page / GROUP BY <= 1. The database is dropped at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from flask_migrate import upgrade  # noqa: E402

from bench.bureau_pages import EMAIL, PASSWORD, sign_in  # noqa: E402
from bench.databases import drop_database, fresh_database  # noqa: E402
from bench.serving import Figure, print_table, serve  # noqa: E402
from bench.survey import ANSWERS  # noqa: E402
from participation import create_app  # noqa: E402
from participation.extensions import db  # noqa: E402
from participation.geo.app_geocoder import current_geocoder  # noqa: E402
from participation.indicators.tallies import rebuild_tallies  # noqa: E402
from participation.models import Answer, StoredLocation, SurveyResponse  # noqa: E402
from participation.models.locations import LocationPrecision  # noqa: E402
from participation.responses.publishing import current_version  # noqa: E402

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/participation_bench_dashboard"
INDICATOR_QUESTIONS = ("rating_neighbourhood", "safe_day", "safe_evening", "contact_neighbours", "trust_municipality")
OTHER_QUESTIONS = ("good_here", "improve_first", "wants_involved", "age_group", "household")
AGE_CHOICES = ("age_18_24", "age_25_44", "age_45_64", "age_65_plus")
BATCH = 20_000
BASELINE = "SELECT question_id, count(*), sum(score) FROM answer GROUP BY question_id"


def fill(responses: int, seed: int = 7) -> None:
    """Bulk rows as submissions would leave them, with ids taken from the sequences' own range and the sequences
    moved past them afterwards, so the app can go on storing submissions in this database."""
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
                value = random_numbers.choice(AGE_CHOICES) if question == "age_group" else "tekst"
                answers.append({"response_id": next_id + i, "question_id": question, "position": position,
                                "value": value, "score": None})  # fmt: skip
        connection.execute(sa.insert(Answer), answers)
        next_id += count
    postgresql = connection.dialect.name == "postgresql"
    for table in ("stored_location", "survey_response", "answer"):
        if postgresql:  # SQLite takes the next id from the rows themselves
            # Fixed table names of our own; nothing from outside reaches the statement.
            connection.execute(
                sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608
            )
        connection.execute(sa.text(f"ANALYZE {table}"))
    db.session.commit()


def median_seconds(work: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def submit_one(base: str) -> None:
    """One submission through the API: the bulk rows must leave the database writable for the app."""
    request = urllib.request.Request(
        base + "/api/v1/surveys/bewonersenquete/responses",
        data=json.dumps({"answers": ANSWERS}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        if answer.status != 201:
            raise SystemExit(f"a submission after the bulk fill was not stored: {answer.status}")


def prepare(url: str, answers: int) -> None:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench" * 10, "ENV": "testing"})
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        assert runner.invoke(args=["content", "load"]).exit_code == 0
        created = runner.invoke(
            args=["users", "create", "--email", EMAIL, "--role", "analyst", "--organisation", "Programmabureau",
                  "--password-stdin"],
            input=PASSWORD + "\n",
        )  # fmt: skip
        assert created.exit_code == 0, created.output
        responses = answers // (len(INDICATOR_QUESTIONS) + len(OTHER_QUESTIONS))
        started = time.perf_counter()
        fill(responses)
        print(f"filled {responses:,} responses with {answers:,} answers in {time.perf_counter() - started:.0f} s")
        # Bulk inserts bypass submission, which keeps the tallies; sum them once as an upgrade would.
        started = time.perf_counter()
        rebuild_tallies(db.session)
        db.session.commit()
        print(f"rebuilt the dashboard's tallies from the answers in {time.perf_counter() - started:.1f} s")
        db.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--keep", action="store_true", help="leave the database behind for a look")
    args = parser.parse_args()
    name = sa.make_url(args.database_url).database
    print(f"database {name}: created afresh now, {'kept' if args.keep else 'dropped'} at the end")
    fresh_database(args.database_url)
    try:
        prepare(args.database_url, args.answers)
        return measure(args.database_url, args.rounds)
    finally:
        if not args.keep:
            drop_database(args.database_url)
            print(f"database {name} dropped")


def measure(url: str, rounds: int) -> int:
    env = {
        "FLASK_APP": "participation",
        "PARTICIPATION_DATABASE_URL": url,
        "PARTICIPATION_SECRET_KEY": "bench-secret-key-not-for-production",
        "PARTICIPATION_TASKS_URL": "memory://",
    }
    engine = sa.create_engine(url)
    figure = Figure("dashboard page over HTTP / one GROUP BY", "ms", 1.0, higher_is_better=False)
    with tempfile.TemporaryDirectory() as scratch:
        server = serve("wsgi:app", env, Path(scratch) / "gunicorn.log", "/healthz")
        try:
            submit_one(server.base)
            opener = sign_in(server.base)

            def page() -> None:
                with opener.open(server.base + "/bureau/dashboard", timeout=120) as answer:
                    if answer.status != 200 or "/login" in answer.geturl():
                        raise SystemExit(f"the dashboard answered {answer.status} at {answer.geturl()}")
                    answer.read()

            def group_by() -> None:
                with engine.connect() as connection:
                    connection.execute(sa.text(BASELINE)).all()

            for _ in range(4):  # both workers have drawn the page once, and the database has the tables cached
                page()
            group_by()
            for _ in range(rounds):
                base = median_seconds(group_by)
                ours = median_seconds(page)
                figure.add(ours * 1000, base * 1000)
        finally:
            server.stop()
            engine.dispose()
    print(f"{rounds} interleaved rounds; each value the median of 5 requests (page) or queries (baseline)")
    missed = print_table([figure])
    if missed:
        print("MISSED: the dashboard page is slower than one GROUP BY over the answers")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
