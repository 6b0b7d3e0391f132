"""A web process that serves residents stays lean and starts fast (issue 15): building the app, the home page,
the survey pages with a saved draft and a submission, and an answer through the API import none of the analysis
stack, and building the app does not load the geocoder's index. The bureau,
the reports and the tasks, which do use it, are covered by their own tests.

The check runs in a fresh interpreter, as a gunicorn worker starts, with the embedded default task queue: the
process that serves the answers also supervises the consumer, which runs the suggestions in a process of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from flask import Flask

from tests.blueprints.residents.test_survey import PAGES, SURVEY
from tests.factories import ANSWERS
from tests.paths import PROJECT_ROOT

ANALYSIS_STACK = ("sklearn", "scipy", "matplotlib", "geopandas", "pandas", "wordfreq", "simplemma", "folium", "fpdf")

# Run in the child: it notes, for each package of the analysis stack, the chain of the app's modules that imported
# it first, so a failure says which import to move rather than only that something is wrong.
SERVE = r"""
import builtins, json, os, sys, time, traceback

watched, plan = tuple(sys.argv[1].split(",")), json.loads(sys.argv[2])
first_import = {}
original_import = builtins.__import__

def noting_import(name, globals=None, locals=None, fromlist=(), level=0):
    top = name.partition(".")[0] if level == 0 else ""
    if top in watched and top not in sys.modules and top not in first_import:
        first_import[top] = [
            f"{frame.filename}:{frame.lineno} {frame.line}"
            for frame in traceback.extract_stack()[:-1]
            if "/participation/" in frame.filename
        ]
    return original_import(name, globals, locals, fromlist, level)

builtins.__import__ = noting_import
from participation import create_app

app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
geocoder_at_start = bool(app.extensions.get("participation.geocoders"))
client = app.test_client()
statuses = []
for method, url, form, body in plan:
    if body is not None:
        response = client.post(url, json=body)
    else:
        response = client.open(url, method=method, data=form)
    statuses.append([method, url, response.status_code])
lock = app.config["TASKS_URL"].removeprefix("sqlite:///") + ".lock"
deadline = time.monotonic() + 30
while time.monotonic() < deadline and not (os.path.exists(lock) and open(lock).read().strip() == str(os.getpid())):
    time.sleep(0.1)
supervisor = os.path.exists(lock) and open(lock).read().strip() == str(os.getpid())
loaded = {name: first_import.get(name, ["(imported before the app)"]) for name in watched if name in sys.modules}
result = {"statuses": statuses, "loaded": loaded, "supervisor": supervisor, "geocoder_at_start": geocoder_at_start}
print(json.dumps(result))
"""


def resident_requests() -> list[tuple[str, str, dict[str, str] | None, dict[str, object] | None]]:
    """Home page, survey intro, every page shown and answered, a draft saved and resumed, the submission, the
    thanks page, and one answer through the API."""
    plan: list[tuple[str, str, dict[str, str] | None, dict[str, object] | None]] = [
        ("GET", "/nl/", None, None),
        ("GET", f"{SURVEY}/", None, None),
        ("POST", f"{SURVEY}/start", None, None),
        ("GET", f"{SURVEY}/1", None, None),
        ("POST", f"{SURVEY}/1", {"action": "save", **PAGES[0]}, None),
        ("GET", f"{SURVEY}/saved", None, None),
        ("GET", f"{SURVEY}/continue", None, None),
    ]
    for number, answers in enumerate(PAGES, start=1):
        plan.append(("GET", f"{SURVEY}/{number}", None, None))
        plan.append(("POST", f"{SURVEY}/{number}", {"action": "next", **answers}, None))
    plan += [
        ("GET", f"{SURVEY}/check", None, None),
        ("POST", f"{SURVEY}/submit", None, None),
        ("GET", f"{SURVEY}/thanks", None, None),
        ("POST", "/api/v1/surveys/bewonersenquete/responses", None, {"answers": {**ANSWERS, "good_here": "Schimmel"}}),
    ]
    return plan


def test_serving_residents_imports_none_of_the_analysis_stack(
    loaded_app: Flask, migrated_database: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "PARTICIPATION_ENV": "testing",
        "PARTICIPATION_DATABASE_URL": migrated_database,
        "PARTICIPATION_SECRET_KEY": "lean-worker-test-secret-key-long-enough",
        # The embedded default: a SQLite queue whose consumer this web process starts.
        "PARTICIPATION_TASKS_URL": f"sqlite:///{tmp_path / 'tasks.db'}",
    }
    env.pop("PARTICIPATION_TASKS_WORKER", None)
    plan = resident_requests()
    finished = subprocess.run(
        [sys.executable, "-c", SERVE, ",".join(ANALYSIS_STACK), json.dumps(plan)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    failed = [(method, url, status) for method, url, status in result["statuses"] if status >= 400]
    assert not failed, failed
    assert ["POST", f"{SURVEY}/submit", 302] in result["statuses"]
    assert ["POST", "/api/v1/surveys/bewonersenquete/responses", 201] in result["statuses"]
    assert not result["geocoder_at_start"]  # the street and area index loads on first use, not at start
    assert result["supervisor"], "the serving process did not take the consumer's lock: the check proves less"
    pulled_in = "\n".join(f"{name} via:\n  " + "\n  ".join(chain) for name, chain in result["loaded"].items())
    assert not result["loaded"], f"serving residents imported the analysis stack:\n{pulled_in}"
