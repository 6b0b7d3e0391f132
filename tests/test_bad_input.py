"""No input gives a 500 (issue 10, point 3): each input that once did gets a clear 4xx and leaves nothing stored.

Runs on SQLite and PostgreSQL alike; PostgreSQL is where a NUL in a text and a too long key used to fail.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import (
    Activity,
    Contact,
    Conversation,
    IndicatorReference,
    Place,
    ProgrammeInput,
    ResponseDraft,
    Role,
    StaffUser,
    StoredLocation,
    SurveyResponse,
    Theme,
    ThemeCoding,
)
from tests.blueprints.field.test_conversations import form as conversation_form
from tests.blueprints.field.test_registers import CONTACT, PLACE
from tests.blueprints.machines.test_api import URL as API_SURVEY
from tests.blueprints.residents.test_survey import PAGES
from tests.factories import ANSWERS, StaffAccount, sign_in

OFF_THE_GRID = [(0.0, 0.0), (51.5, -0.12), (-89.0, 179.0)]
ROTTERDAM = (51.9225, 4.47917)
NUL = "a\x00b"
PROBLEM = "application/problem+json"
CANNOT_STORE = "This text contains characters we cannot store. Please remove them."


def count(app: Flask, model: type[Any]) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def english(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def admin(loaded_app: Flask, make_staff: Callable[..., StaffAccount]) -> FlaskClient:
    """A signed-in admin, who may use every staff page, reading them in English."""
    client = english(loaded_app)
    sign_in(client, make_staff(Role.ADMIN))
    return client


def _theme_id(app: Flask, code: str) -> str:
    with app.app_context():
        return str(db.session.scalar(select(Theme.id).where(Theme.code == code)))


# --- Points off the RD grid: "outside", like a point in Rotterdam ---------------------------------------------


@pytest.mark.parametrize(("lat", "lon"), [*OFF_THE_GRID, ROTTERDAM])
def test_the_api_answers_outside_for_a_point_off_the_grid(loaded_app: Flask, lat: float, lon: float) -> None:
    response = english(loaded_app).post(
        f"{API_SURVEY}/responses", json={"answers": ANSWERS, "location": {"lat": lat, "lon": lon}}
    )
    assert response.status_code == 422
    assert response.get_json()["errors"]["where"]["code"] == "outside"
    assert count(loaded_app, SurveyResponse) == count(loaded_app, StoredLocation) == 0


@pytest.mark.parametrize(("lat", "lon"), OFF_THE_GRID)
def test_the_web_survey_answers_outside_for_a_point_off_the_grid(loaded_app: Flask, lat: float, lon: float) -> None:
    client = english(loaded_app)
    base = "/en/s/bewonersenquete"
    client.post(f"{base}/start")
    for number, answers in enumerate(PAGES[:2], start=1):
        assert client.post(f"{base}/{number}", data={"action": "next", **answers}).status_code == 302
    place = {"where": "map", "where__lat": str(lat), "where__lon": str(lon), "where__source": "map"}
    page = client.post(f"{base}/3", data={"action": "next", **PAGES[2], "where__buurt": "", **place})
    assert page.status_code == 400
    assert "This place is outside the municipality" in page.get_data(as_text=True)
    with loaded_app.app_context():
        draft = db.session.scalars(select(ResponseDraft)).one()
        assert "where" not in draft.answers
    assert count(loaded_app, StoredLocation) == 0


@pytest.mark.parametrize(("lat", "lon"), OFF_THE_GRID)
def test_a_field_conversation_off_the_grid_is_outside(
    loaded_app: Flask, admin: FlaskClient, lat: float, lon: float
) -> None:
    point = {"location": "map", "location__lat": str(lat), "location__lon": str(lon), "location__buurt": ""}
    response = admin.post("/field/conversations", data=conversation_form(themes=[], **point))
    assert response.status_code == 400
    assert "outside the municipality" in response.get_data(as_text=True)
    fields = {key: value if isinstance(value, list) else [value] for key, value in conversation_form(**point).items()}
    synced = admin.post("/field/api/conversations", json={"fields": {**fields, "themes": []}})
    assert synced.status_code == 422
    assert count(loaded_app, Conversation) == count(loaded_app, StoredLocation) == 0


# --- A NUL (or another control character) in any text field ---------------------------------------------------


def _activity() -> dict[str, Any]:
    return {
        "client_id": str(uuid.uuid4()),
        "title": "Koffieochtend",
        "kind": "meeting",
        "held_on": "2025-05-14",
        "line": "connect",
        "attendance": "14",
        "buurt": "BU05050300",
        "street": "",
        "notes": "",
    }


def _programme_input(app: Flask) -> dict[str, Any]:
    return {
        "wijk_code": "WK050503",
        "buurt_code": "BU05050300",
        "street_name": "",
        "theme_id": _theme_id(app, "litter"),
        "title": "Afvalbakken",
        "residents_said": "Veel afval bij de winkels.",
        "proposed_effort": "Meer afvalbakken.",
        "priority": "high",
        "status": "proposed",
        "public_text_nl": "Er komen meer afvalbakken.",
        "public_text_en": "More litter bins are coming.",
    }


NEW_THEME = {
    "code": "stray_cats",
    "label_nl": "Zwerfkatten",
    "label_en": "Stray cats",
    "description_en": "Cats without an owner.",
    "pillar": "5",
    "goals": ["9"],
    "keywords_nl": "kat",
}
# (address, a valid form or JSON body, the field that gets the NUL, what a stored one adds a row to)
STAFF_FORMS: list[tuple[str, Callable[[Flask], dict[str, Any]], str, type[Any]]] = [
    ("/field/conversations", lambda app: conversation_form(themes=[]), "notes", Conversation),
    ("/field/contacts/new", lambda app: dict(CONTACT), "name", Contact),
    ("/field/places/new", lambda app: dict(PLACE), "name", Place),
    ("/field/activities/new", lambda app: _activity(), "title", Activity),
    ("/bureau/programme/new", _programme_input, "residents_said", ProgrammeInput),
    ("/bureau/themes/new", lambda app: dict(NEW_THEME), "description_en", Theme),
    (
        "/bureau/dashboard",
        lambda app: {"indicator": "rating_neighbourhood", "year": "2025", "value": "7.3", "source": "CBS"},
        "source",
        IndicatorReference,
    ),
    (
        "/admin/users",
        lambda app: {
            "email": "new.colleague@example.org",
            "role": "professional",
            "organisation": "Gemeente Dordrecht",
            "password": "a long and unusual passphrase 2026",
        },
        "organisation",
        StaffUser,
    ),
]


@pytest.mark.parametrize(("address", "valid", "field", "model"), STAFF_FORMS, ids=[row[0] for row in STAFF_FORMS])
@pytest.mark.parametrize("character", ["\x00", "\x1b"])
def test_a_control_character_in_a_staff_form_is_refused_and_nothing_is_stored(
    loaded_app: Flask,
    admin: FlaskClient,
    address: str,
    valid: Callable[[Flask], dict[str, Any]],
    field: str,
    model: type[Any],
    character: str,
) -> None:
    before = count(loaded_app, model)
    data = valid(loaded_app)
    refused = admin.post(address, data={**data, field: f"a{character}b"})
    assert refused.status_code == 400
    assert CANNOT_STORE in refused.get_data(as_text=True)
    assert count(loaded_app, model) == before
    # The same form without the character is stored: it was the character that was refused.
    assert admin.post(address, data=data).status_code == 302
    assert count(loaded_app, model) == before + 1


def test_a_nul_in_the_field_outbox_is_refused_in_json(loaded_app: Flask, admin: FlaskClient) -> None:
    fields = {key: value if isinstance(value, list) else [value] for key, value in conversation_form(themes=[]).items()}
    refused = admin.post("/field/api/conversations", json={"fields": {**fields, "notes": [NUL]}})
    assert refused.status_code == 422 and refused.mimetype == PROBLEM
    assert refused.get_json()["detail"] == CANNOT_STORE
    assert count(loaded_app, Conversation) == 0
    assert admin.post("/field/api/conversations", json={"fields": fields}).status_code == 201


def test_a_nul_in_a_query_or_address_is_refused(loaded_app: Flask, admin: FlaskClient) -> None:
    assert admin.get("/field/?q=a%00b").status_code == 400
    assert english(loaded_app).get("/en/s/bewoners%00enquete/").status_code == 400
    assert english(loaded_app).get("/api/v1/surveys/a%00b").status_code == 400


def test_a_nul_in_the_resident_survey_is_refused(loaded_app: Flask) -> None:
    client = english(loaded_app)
    base = "/en/s/bewonersenquete"
    client.post(f"{base}/start")
    for number, answers in enumerate(PAGES[:2], start=1):
        client.post(f"{base}/{number}", data={"action": "next", **answers})
    page = client.post(f"{base}/3", data={"action": "next", **PAGES[2], "good_here": NUL})
    assert page.status_code == 400
    assert CANNOT_STORE in page.get_data(as_text=True)
    with loaded_app.app_context():
        assert "good_here" not in db.session.scalars(select(ResponseDraft)).one().answers
    api = client.post(f"{API_SURVEY}/responses", json={"answers": {**ANSWERS, "good_here": NUL}})
    assert api.status_code == 422 and api.mimetype == PROBLEM
    assert count(loaded_app, SurveyResponse) == 0


# --- Idempotency-Key: every length the API accepts fits ----------------------------------------------------


@pytest.mark.parametrize("length", [1, 60, 61, 63, 64])
def test_an_idempotency_key_of_any_accepted_length_is_stored_once(loaded_app: Flask, length: int) -> None:
    client = loaded_app.test_client()
    headers = {"Idempotency-Key": "k" * length}
    first = client.post(f"{API_SURVEY}/responses", json={"answers": ANSWERS}, headers=headers)
    again = client.post(f"{API_SURVEY}/responses", json={"answers": ANSWERS}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]
    assert count(loaded_app, SurveyResponse) == 1


def test_a_longer_idempotency_key_is_refused(loaded_app: Flask) -> None:
    response = english(loaded_app).post(
        f"{API_SURVEY}/responses", json={"answers": ANSWERS}, headers={"Idempotency-Key": "k" * 65}
    )
    assert response.status_code == 400 and response.mimetype == PROBLEM
    assert "64" in response.get_json()["detail"]
    assert count(loaded_app, SurveyResponse) == 0


# --- Words that leave no stem ---------------------------------------------------------------------------------


def test_short_latin_words_in_arabic_do_not_take_theme_suggestions_down(loaded_app: Flask, admin: FlaskClient) -> None:
    theme = {**NEW_THEME, "keywords_nl": "", "keywords_ar": "ok\ntv\n2x\nقطط"}
    assert admin.post("/bureau/themes/new", data=theme).status_code == 302
    for text in ("التلفاز tv لا يعمل ok", "2x في الأسبوع قطط", "x"):
        answers = {**ANSWERS, "good_here": text}
        assert admin.post(f"{API_SURVEY}/responses", json={"language": "ar", "answers": answers}).status_code == 201
    result = loaded_app.test_cli_runner().invoke(args=["themes", "suggest"])
    assert result.exit_code == 0, result.output
    assert "Looked at" in result.output
    assert count(loaded_app, ThemeCoding) > 0
    assert admin.get("/bureau/review/emerging").status_code == 200


# --- Errors under /api/ are problem documents --------------------------------------------------------------


def test_api_errors_are_problem_documents_in_the_clients_language(make_app: Callable[..., Flask]) -> None:
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/api/v1/boom")
    def boom() -> str:
        raise RuntimeError("a bug")

    client = app.test_client()
    dutch = {"Accept-Language": "nl"}
    missing = client.get("/api/v1/nothing-here", headers=dutch)
    assert missing.status_code == 404 and missing.mimetype == PROBLEM
    assert missing.get_json()["status"] == 404
    english_title = client.get("/api/v1/nothing-here", headers={"Accept-Language": "en"}).get_json()["title"]
    assert english_title == "Page not found" and missing.get_json()["title"] != english_title
    not_allowed = client.delete("/api/v1/surveys/bewonersenquete")
    assert not_allowed.status_code == 405 and not_allowed.mimetype == PROBLEM
    assert set(not_allowed.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}
    broken = client.get("/api/v1/boom")
    assert broken.status_code == 500 and broken.mimetype == PROBLEM
    assert "a bug" not in broken.get_data(as_text=True)
    unknown = client.get("/api/v1/surveys/bewonersenquete?lang=xx", headers={"Accept-Language": "en"})
    assert unknown.status_code == 422 and unknown.get_json()["errors"]["lang"]["code"] == "unknown_language"


def test_a_405_page_carries_allow_too(client: FlaskClient) -> None:
    response = client.get("/logout")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


def _unreachable_databases(database_url: str, tmp_path: Path) -> list[str]:
    urls = ["postgresql+psycopg://postgres@127.0.0.1:9/participation"]  # nothing listens on the discard port
    current = sa.make_url(database_url)
    if current.get_backend_name() == "postgresql":
        urls.append(current.set(database=f"missing_{uuid.uuid4().hex}").render_as_string(hide_password=False))
    else:
        urls.append(f"sqlite:///{tmp_path / 'no-such-directory' / 'db.sqlite3'}")
    return urls


def test_the_api_answers_503_in_json_when_the_database_is_down(
    make_app: Callable[..., Flask], migrated_database: str, tmp_path: Path
) -> None:
    for url in _unreachable_databases(migrated_database, tmp_path):
        app = make_app(DATABASE_URL=url)
        client = app.test_client()
        read = client.get(API_SURVEY)
        assert read.status_code == 503 and read.mimetype == PROBLEM, url
        assert read.get_json()["status"] == 503
        written = client.post(f"{API_SURVEY}/responses", json={"answers": ANSWERS})
        assert written.status_code == 503 and written.mimetype == PROBLEM
        page = client.get("/en/s/bewonersenquete/")
        assert page.status_code == 503 and "<main" in page.get_data(as_text=True)
