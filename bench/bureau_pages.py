"""Every bureau page on the demo year, served as in production, timed against a baseline measured in the same run.

Run: .venv/bin/python bench/bureau_pages.py [--rounds 5] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/participation_bench]

Set-up as a new install does it: a fresh database (a temporary SQLite file unless --database-url names a PostgreSQL
one, which is dropped and made afresh), `flask db upgrade`, `flask content load`, `flask demo load`, an analyst
account, then gunicorn with the Makefile's worker count. The bureau pages are found as an analyst finds them:
starting at /bureau/ and following every link under /bureau/ that answers with an HTML page (downloads are left
out), at most two pages per URL rule (e.g. two wijken of the per-wijk pages), so new pages are measured without
being listed here.

Each round requests every page once, in the same order, interleaved with the baseline (/healthz, which only asks
the database for one row): so a noisy moment hits pages and baseline alike. Reported per page: the median, the
range over the rounds and the ratio of the median to the baseline's median. Goal (issue 13): every page answers
within 2 s; a page whose median misses it prints MISSED and the run exits non-zero.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bench.databases import fresh_database  # noqa: E402

GOAL_SECONDS = 2.0
PASSWORD = secrets.token_urlsafe(24)  # a fresh one per run: the account lives only as long as the run
EMAIL = "analyst@bench.example"
PER_RULE = 2
# Endpoints that change something or only offer a file, even when reached by a GET link.
SKIP = re.compile(r"/(export|download|logout|skip)|\.(csv|xlsx|sav|pdf|json|geojson|js)(\?|$)")


class Links(HTMLParser):
    """The href of every <a> and the value of the CSRF token of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.csrf: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag == "input" and found.get("name") == "csrf_token":
            self.csrf = found.get("value")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def flask(env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    subprocess.run(
        [str(PROJECT_ROOT / ".venv/bin/flask"), *args],
        env=env,
        input=stdin,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
    )


def rule_of(path: str) -> str:
    """The URL's shape: numbers and area codes replaced, so per-wijk or per-year pages count as one rule."""
    shape = re.sub(r"/\d+", "/N", path)
    return re.sub(r"/(WK|BU|GM)\d+", "/CODE", shape)


def crawl(opener: urllib.request.OpenerDirector, base: str) -> list[str]:
    seen: set[str] = set()
    per_rule: dict[str, int] = {}
    queue = ["/bureau/"]
    pages: list[str] = []
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        rule = rule_of(urllib.parse.urlsplit(path).path)
        if per_rule.get(rule, 0) >= PER_RULE:
            continue
        try:
            with opener.open(base + path, timeout=60) as answer:
                if "text/html" not in answer.headers.get("Content-Type", ""):
                    continue
                body = answer.read().decode("utf-8")
        except urllib.error.HTTPError:
            continue
        per_rule[rule] = per_rule.get(rule, 0) + 1
        pages.append(path)
        parser = Links()
        parser.feed(body)
        for href in parser.hrefs:
            target = urllib.parse.urljoin(base + path, href)
            parts = urllib.parse.urlsplit(target)
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if target.startswith(base) and parts.path.startswith("/bureau/") and not SKIP.search(local):
                queue.append(local)
    return pages


def timed(opener: urllib.request.OpenerDirector, url: str) -> float:
    start = time.perf_counter()
    with opener.open(url, timeout=120) as answer:
        answer.read()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = options.database_url or f"sqlite:///{scratch}/bench.db"
        if options.database_url:
            fresh_database(url)
        env = {
            **os.environ,
            "FLASK_APP": "participation",
            "PARTICIPATION_DATABASE_URL": url,
            "PARTICIPATION_SECRET_KEY": "bench-secret-key-not-for-production",
        }
        started = time.perf_counter()
        flask(env, "db", "upgrade")
        flask(env, "content", "load")
        flask(env, "demo", "load")
        print(f"set-up (upgrade, content, demo year): {time.perf_counter() - started:.1f} s")
        flask(
            env,
            "users",
            "create",
            "--email",
            EMAIL,
            "--role",
            "analyst",
            "--organisation",
            "Programmabureau",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        port = free_port()
        server = subprocess.Popen(
            [
                str(PROJECT_ROOT / ".venv/bin/gunicorn"),
                "--workers",
                str(options.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "wsgi:app",
            ],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            return measure(base, options.rounds)
        finally:
            server.terminate()
            server.wait(timeout=30)


def sign_in(base: str, jar: http.cookiejar.CookieJar | None = None) -> urllib.request.OpenerDirector:
    """An opener signed in as the analyst; its cookies are kept in ``jar`` when one is given."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar() if jar is None else jar)
    )
    for _ in range(120):
        try:
            with opener.open(base + "/login", timeout=60) as answer:
                form = Links()
                form.feed(answer.read().decode("utf-8"))
                break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    else:
        raise SystemExit("gunicorn did not answer within 60 s")
    data = urllib.parse.urlencode({"csrf_token": form.csrf or "", "email": EMAIL, "password": PASSWORD}).encode()
    with opener.open(base + "/login", data=data, timeout=30) as answer:
        if "/login" in answer.geturl():
            raise SystemExit("signing in failed")
    return opener


def measure(base: str, rounds: int) -> int:
    opener = sign_in(base)
    pages = crawl(opener, base)
    print(f"{len(pages)} bureau pages found by following links from /bureau/")
    for path in pages:  # warm each worker's caches the way a first visitor would
        timed(opener, base + path)
    times: dict[str, list[float]] = {path: [] for path in pages}
    baseline: list[float] = []
    for _ in range(rounds):
        for path in pages:
            baseline.append(timed(opener, base + "/healthz"))
            times[path].append(timed(opener, base + path))
    base_median = statistics.median(baseline)
    print(
        f"baseline /healthz: median {base_median * 1000:.1f} ms, range {min(baseline) * 1000:.1f}-"
        f"{max(baseline) * 1000:.1f} ms over {len(baseline)} requests"
    )
    missed = 0
    for path, samples in times.items():
        median = statistics.median(samples)
        verdict = "ok" if median <= GOAL_SECONDS else "MISSED"
        missed += verdict == "MISSED"
        print(
            f"{verdict:6} {median * 1000:8.1f} ms  range {min(samples) * 1000:.1f}-{max(samples) * 1000:.1f} ms"
            f"  x{median / base_median:7.1f} baseline  {path}"
        )
    print(f"goal: every bureau page <= {GOAL_SECONDS:.0f} s (median of {rounds} rounds); missed: {missed}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
