"""Benchmark of what residents meet, served as `make run` serves it, against bare apps served the same way.

Run: .venv/bin/python bench/survey.py [--seconds 10] [--rounds 3] [--database-url postgresql+psycopg://...]

The project (gunicorn wsgi:app) and the baseline (gunicorn bench.bare_app:app) run under the same gunicorn
command, one at a time, in interleaved rounds, and wrk loads them (2 threads, 32 connections, --seconds each);
see bench/serving.py. Without --database-url both use a fresh SQLite file with the project's PRAGMAs; with it,
the project uses the PostgreSQL database named (dropped and made afresh) and the baseline a second database
beside it (the same name + "_bare"), both dropped at the end.

Figures, each the ratio project / baseline within a round (median and range over the rounds), and goals (issue 15):
- survey submission req/s: POST /api/v1/surveys/bewonersenquete/responses (the real API: validation, geocoding,
  storage, tallies) against a bare Flask + SQLAlchemy one-row insert; goal >= 0.3;
- submission p50 latency under the same load; goal <= 3;
- GET of the first survey page (a resident's draft, page 1) req/s against one render_template of the same HTML;
  goal >= 0.5;
- gunicorn worker RSS (the largest worker, not the master) after serving survey pages, and after serving bureau
  pages as a signed-in analyst, against the bare app's worker after its loads; goal <= 2;
- gunicorn start to the first 200 (launch to the first answer of the survey's intro page); goal <= 4.
Also, with no baseline: the bytes each page of the default survey puts on the wire as a browser asks for it
(Accept-Encoding: gzip, br; headers and body; the page's own CSS and JS with a cold cache; map assets excluded);
goal <= 30 KB per page.
A missed goal prints MISSED, and the exit status is 1 once everything is printed.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bench.bureau_pages import EMAIL, PASSWORD, Links, crawl, sign_in  # noqa: E402
from bench.databases import drop_database, fresh_database  # noqa: E402
from bench.serving import GUNICORN_SETTINGS, Drive, Figure, Load, Server, lua_script, print_table, serve, warm  # noqa: E402

SURVEY = "/nl/s/bewonersenquete"
SUBMIT = "/api/v1/surveys/bewonersenquete/responses"
MAP_ASSETS = re.compile(r"leaflet|location-picker|buurten\.geojson")
PAGE_WEIGHT_GOAL_KB = 30.0
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
# The same JSON body to both sides: the project validates, geocodes and stores it, the baseline stores it as it is.
SUBMISSION: dict[str, Any] = {
    "body": json.dumps({"answers": ANSWERS, "location": {"buurt": "BU05050401"}}),
    "headers": {"Content-Type": "application/json"},
    "expected": (201,),
}
PAGES = [
    {"rating_neighbourhood": "7", "safe_day": "4", "safe_evening": "2"},
    {"contact_neighbours": "3", "trust_municipality": "3", "health": "good"},
    {"good_here": "Het park", "improve_first": "Licht", "where": "skip"},
    {"wants_involved": "no"},
    {"age_group": "age_25_44", "household": "alone"},
]


@dataclass
class Figures:
    submissions: Figure
    latency: Figure
    first_page: Figure
    rss_survey: Figure
    rss_bureau: Figure
    start: Figure

    def all(self) -> list[Figure]:
        return [self.submissions, self.latency, self.first_page, self.rss_survey, self.rss_bureau, self.start]


@dataclass
class Round:
    """One side's measurements in one round."""

    started_in: float
    submissions: Load
    first_page: Load
    rss_survey: float
    rss_bureau: float = 0.0
    bureau_note: str = ""


class Bench:
    def __init__(self, work: Path, database_url: str, bare_url: str, drive: Drive, bureau_seconds: float) -> None:
        self.work = work
        self.drive = drive
        self.bureau_seconds = bureau_seconds
        self.templates = work / "bare-templates"
        self.templates.mkdir()
        self.project_env = {
            "FLASK_APP": "participation",
            "PARTICIPATION_DATABASE_URL": database_url,
            "PARTICIPATION_SECRET_KEY": secrets.token_urlsafe(48),
            "PARTICIPATION_TASKS_URL": f"sqlite:///{work / 'tasks.db'}",
            # The limit is still checked on every request; it is only set high enough never to refuse the load.
            "PARTICIPATION_API_RATE_LIMIT": "100000000 per minute",
        }
        self.bare_env = {"BARE_DATABASE_URL": bare_url, "BARE_TEMPLATES": str(self.templates)}
        self.bureau_pages: list[str] = []
        self.weights: list[tuple[str, int, int]] = []

    def script(self, name: str, text: str) -> Path:
        path = self.work / f"{name}.lua"
        path.write_text(text)
        return path

    def prepare(self) -> None:
        """The set-up of a new install (`flask db upgrade`, `flask content load`) and one analyst account."""
        for args, stdin in (
            (["db", "upgrade"], None),
            (["content", "load"], None),
            (["users", "create", "--email", EMAIL, "--role", "analyst", "--organisation", "Programmabureau",
              "--password-stdin"], PASSWORD + "\n"),
        ):  # fmt: skip
            done = subprocess.run(
                [str(PROJECT_ROOT / ".venv/bin/flask"), *args],
                env={**os.environ, **self.project_env},
                input=stdin,
                text=True,
                cwd=PROJECT_ROOT,
                capture_output=True,
            )
            if done.returncode:
                raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        subprocess.run(
            [sys.executable, "-m", "bench.bare_app"], env={**os.environ, **self.bare_env}, cwd=PROJECT_ROOT, check=True
        )

    def loaded(self, server: Server, name: str, path: str, method: str = "GET", **options: Any) -> Load:
        """wrk's figures for ``path`` after a warm-up; ``options`` go to the script (body, headers, expected)."""
        body = options.get("body")
        warm(server, path, body.encode() if body else None, options.get("headers"))
        script = self.script(name, lua_script([path], method, **options))
        return self.drive.run(server, script, path)

    def project_round(self, first: bool) -> Round:
        server = serve("wsgi:app", self.project_env, self.work / "project.log", f"{SURVEY}/")
        try:
            submissions = self.loaded(server, "submit", SUBMIT, "POST", **SUBMISSION)
            cookie, html = start_draft(server.base)
            first_page = self.loaded(server, "page", f"{SURVEY}/1", headers=cookie)
            rss_survey = server.worker_rss_mb()
            if first:
                # The baseline renders exactly what the project sent, so both sides send the same bytes.
                (self.templates / "page.html").write_text("{% raw %}" + html + "{% endraw %}")
                self.weights = page_weights(server.base)
            jar = http.cookiejar.CookieJar()
            opener = sign_in(server.base, jar)
            if not self.bureau_pages:
                self.bureau_pages = settled(server.base, crawl(opener, server.base), cookie_header(jar))
            bureau = Drive(self.bureau_seconds, threads=2, connections=2, timeout_seconds=120).run(
                server,
                self.script("bureau", lua_script(self.bureau_pages, headers=cookie_header(jar))),
                self.bureau_pages[0],
            )
            return Round(server.started_in, submissions, first_page, rss_survey, server.worker_rss_mb(), bureau.note)
        finally:
            server.stop()

    def bare_round(self) -> Round:
        server = serve("bench.bare_app:app", self.bare_env, self.work / "bare.log", "/page")
        try:
            submissions = self.loaded(server, "insert", "/insert", "POST", **SUBMISSION)
            first_page = self.loaded(server, "bare-page", "/page")
            return Round(server.started_in, submissions, first_page, server.worker_rss_mb())
        finally:
            server.stop()


def cookie_header(jar: http.cookiejar.CookieJar) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)}


def resident() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def post_form(opener: urllib.request.OpenerDirector, url: str, html: str, fields: dict[str, str]) -> str:
    """Post ``fields`` with the CSRF token of the page ``html``; the page the redirect leads to."""
    form = Links()
    form.feed(html)
    data = urllib.parse.urlencode({"csrf_token": form.csrf or "", **fields}).encode()
    with opener.open(url, data=data, timeout=60) as answer:
        return str(answer.read().decode("utf-8"))


def start_draft(base: str) -> tuple[dict[str, str], str]:
    """A resident's session with a fresh draft, as a Cookie header, and the first page's HTML."""
    opener, jar = resident()
    with opener.open(f"{base}{SURVEY}/", timeout=60) as answer:
        intro = answer.read().decode("utf-8")
    first_page = post_form(opener, f"{base}{SURVEY}/start", intro, {})
    # wrk counts a redirect as a success: make sure the cookie reaches the page itself, not the intro again.
    if on_the_wire(base, f"{SURVEY}/1", cookie_header(jar))[0] != 200:
        raise RuntimeError("starting a draft failed: page 1 does not answer with the draft's cookie")
    return cookie_header(jar), first_page


def on_the_wire(base: str, path: str, cookie: dict[str, str]) -> tuple[int, int]:
    """The status, and the bytes of the status line, headers and body of ``path`` as a browser that takes gzip and
    brotli gets it."""
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip, br", **cookie})
        answer = connection.getresponse()
        body = answer.read()  # http.client leaves the content encoding alone: these are the bytes sent
        headers = sum(len(name) + len(value) + 4 for name, value in answer.getheaders())
        return answer.status, len(f"HTTP/1.1 {answer.status} {answer.reason}\r\n") + headers + 2 + len(body)
    finally:
        connection.close()


def settled(base: str, paths: list[str], cookie: dict[str, str]) -> list[str]:
    """``paths`` with each one that redirects replaced by where it leads (the crawl follows redirects, wrk does
    not, and takes a redirect for a success: so that the load asks for the pages themselves)."""
    pages = []
    for path in paths:
        connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=120)
        try:
            connection.request("GET", path, headers=cookie)
            answer = connection.getresponse()
            answer.read()
        finally:
            connection.close()
        target = urllib.parse.urlsplit(answer.getheader("Location") or "")
        pages.append(
            (target.path + (f"?{target.query}" if target.query else "")) if answer.status in (301, 302, 303) else path
        )
    return list(dict.fromkeys(pages))


def page_weights(base: str) -> list[tuple[str, int, int]]:
    """(page, bytes on the wire, bytes uncompressed) for each page of the default survey with its CSS and JS."""
    opener, jar = resident()
    paths = [f"{SURVEY}/"] + [f"{SURVEY}/{n}" for n in range(1, len(PAGES) + 1)]
    weights = []
    for number, path in enumerate(paths):
        with opener.open(base + path, timeout=60) as answer:
            html = answer.read().decode("utf-8")
        cookie = cookie_header(jar)
        linked = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
        assets = [asset for asset in linked if not MAP_ASSETS.search(asset)]
        wire = sum(on_the_wire(base, one, cookie)[1] for one in [path, *assets])
        plain = len(html.encode())
        for asset in assets:
            with opener.open(base + asset, timeout=60) as answer:
                plain += len(answer.read())
        weights.append((path, wire, plain))
        if number == 0:
            post_form(opener, f"{base}{SURVEY}/start", html, {})
        else:
            post_form(opener, base + path, html, {"action": "next", **PAGES[number - 1]})
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each wrk run (the issue's: 10)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="a PostgreSQL database to drop and make afresh (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if args.database_url:
            database_url = args.database_url
            target = sa.make_url(database_url)
            bare_url = target.set(database=f"{target.database}_bare").render_as_string(hide_password=False)
            for url in (database_url, bare_url):
                fresh_database(url)
            kind = "PostgreSQL"
            print(f"PostgreSQL: databases {target.database} and {target.database}_bare made afresh, dropped at the end")
        else:
            database_url, bare_url = f"sqlite:///{work / 'project.sqlite3'}", f"sqlite:///{work / 'bare.sqlite3'}"
            kind = "SQLite"
            print("SQLite: fresh files in a temporary directory, WAL, foreign keys on, busy timeout 10 s (both sides)")
        drive = Drive(seconds=args.seconds)
        try:
            return run(Bench(work, database_url, bare_url, drive, max(2.0, args.seconds / 2)), kind, args.rounds)
        finally:
            if args.database_url:
                for url in (database_url, bare_url):
                    drop_database(url)
                print(f"PostgreSQL: dropped {target.database} and {target.database}_bare")


def run(bench: Bench, kind: str, rounds: int) -> int:
    bench.prepare()
    figures = Figures(
        Figure(f"survey submission, {kind}, req/s", "r/s", 0.3, higher_is_better=True),
        Figure(f"submission p50 latency, {kind}", "ms", 3.0, higher_is_better=False),
        Figure(f"GET first survey page, {kind}, req/s", "r/s", 0.5, higher_is_better=True),
        Figure("worker RSS after survey pages", "MB", 2.0, higher_is_better=False),
        Figure("worker RSS after bureau pages", "MB", 2.0, higher_is_better=False),
        Figure("gunicorn start to first 200", "s", 4.0, higher_is_better=False),
    )
    drive = bench.drive
    print(
        f"gunicorn {' '.join(GUNICORN_SETTINGS)} on both sides; wrk -t{drive.threads} "
        f"-c{drive.connections} -d{drive.seconds:g}s --latency; {rounds} interleaved rounds (project, baseline)"
    )
    for number in range(rounds):
        ours = bench.project_round(first=number == 0)
        bare = bench.bare_round()
        print(
            f"round {number + 1}: submissions {ours.submissions.requests_per_second:.0f} vs "
            f"{bare.submissions.requests_per_second:.0f} req/s, first page {ours.first_page.requests_per_second:.0f} "
            f"vs {bare.first_page.requests_per_second:.0f} req/s, start {ours.started_in:.1f} vs "
            f"{bare.started_in:.1f} s",
            flush=True,
        )
        record(figures, ours, bare)
    print(f"\n{len(bench.bureau_pages)} bureau pages served (found by following links from /bureau/)")
    print(
        f"page weight of the default survey on the wire (Accept-Encoding: gzip, br; goal <= {PAGE_WEIGHT_GOAL_KB:g} KB)"
    )
    missed = 0
    for path, wire, plain in bench.weights:
        verdict = "ok" if wire <= PAGE_WEIGHT_GOAL_KB * 1024 else "MISSED"
        missed += verdict == "MISSED"
        print(f"  {path:32} {wire / 1024:6.1f} KB on the wire   ({plain / 1024:6.1f} KB uncompressed)  {verdict}")
    print()
    missed += print_table(figures.all())
    print(f"\nmissed: {missed}")
    return 1 if missed else 0


def record(figures: Figures, ours: Round, bare: Round) -> None:
    for load, name in ((ours.submissions, "project submissions"), (bare.submissions, "baseline inserts")):
        if load.failures:
            figures.submissions.failed.append(f"{name}: {load.note}")
            figures.latency.failed.append(f"{name}: {load.note}")
    for load, name in ((ours.first_page, "project first page"), (bare.first_page, "baseline page")):
        if load.failures:
            figures.first_page.failed.append(f"{name}: {load.note}")
    if ours.bureau_note:
        figures.rss_bureau.failed.append(f"bureau pages: {ours.bureau_note}")
    figures.submissions.add(ours.submissions.requests_per_second, bare.submissions.requests_per_second)
    figures.latency.add(ours.submissions.p50_ms, bare.submissions.p50_ms)
    figures.first_page.add(ours.first_page.requests_per_second, bare.first_page.requests_per_second)
    figures.rss_survey.add(ours.rss_survey, bare.rss_survey)
    figures.rss_bureau.add(ours.rss_bureau, bare.rss_survey)
    figures.start.add(ours.started_in, bare.started_in)


if __name__ == "__main__":
    raise SystemExit(main())
