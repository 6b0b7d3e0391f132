from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient


def test_healthz_answers_ok_when_the_database_answers(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(make_app: Callable[..., Flask], tmp_path: Path) -> None:
    unreachable = f"sqlite:///{tmp_path / 'no-such-directory' / 'db.sqlite3'}"
    app = make_app(DATABASE_URL=unreachable)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"
