"""The answers browser: pseudonymised rows (no contact details, no point, no database id), filters from lists of
names, pages, the fewer-than-k refusal, and the CSV, XLSX and SPSS exports with their audit events."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import event, select, text

from participation.answers.pseudonyms import pseudonym
from participation.blueprints.bureau.answers import routes
from participation.extensions import db
from participation.models import AuditEvent, Role, SurveyResponse
from participation.models.surveys import ResponseChannel
from participation.responses.publishing import current_version
from tests.factories import BUURT_A, StaffAccount

URL = "/api/v1/surveys/bewonersenquete/responses"
FIRST_ID = 987650  # responses get ids far from any other figure on the page, so that a leaked id would show
POINT = {"lat": 51.8012, "lon": 4.6718}  # in BU05050406, block E105600N423800
OTHER_BUURT = "BU05050301"
CONTACT = {"consent": True, "name": "Jantje Pietersen", "email": "jantje@voorbeeld.nl", "phone": "0612345678"}
PSEUDONYM = re.compile(r"^R-[A-Z2-7]{10}$")


@pytest.fixture(autouse=True)
def english_pages(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")  # question texts and labels in English


def _high_ids(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("SELECT setval('survey_response_id_seq', :n)"), {"n": FIRST_ID})
            db.session.commit()
            return
        version = current_version(db.session, "bewonersenquete")
        assert version is not None
        placeholder = SurveyResponse(
            id=FIRST_ID,
            survey_version_id=version.id,
            language="nl",
            channel=ResponseChannel.WEB,
            submission_key="placeholder",
            receipt_code_hash="placeholder",
        )
        db.session.add(placeholder)
        db.session.commit()


def _drop_placeholder(app: Flask) -> None:
    with app.app_context():
        placeholder = db.session.get(SurveyResponse, FIRST_ID)
        if placeholder is not None:
            db.session.delete(placeholder)
            db.session.commit()


def _answers(number: int) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "rating_neighbourhood": 6 + number % 3,
        "safe_day": 4,
        "health": "good" if number % 2 else "poor",
        "good_here": f"Het park, zegt nummer {number}.",
        "wants_involved": number == 0,
        "age_group": "age_25_44",
    }
    if number == 0:
        answers["contact_details"] = CONTACT
    return answers


@pytest.fixture
def responses(loaded_app: Flask) -> list[int]:
    """Six responses at one point (one with contact details), two in another buurt by list, one in Turkish."""
    _high_ids(loaded_app)
    client = loaded_app.test_client()
    ids = []
    for number in range(9):
        location: dict[str, Any] = POINT if number < 6 else {"buurt": OTHER_BUURT}
        language = "tr" if number == 8 else "nl"
        body = {"language": language, "answers": _answers(number), "location": location}
        if number == 8:
            body["location"] = {"buurt": BUURT_A}
        posted = client.post(URL, json=body)
        assert posted.status_code == 201, posted.get_json()
        ids.append(int(posted.get_json()["id"]))
    _drop_placeholder(loaded_app)
    assert min(ids) > FIRST_ID
    return ids


@pytest.fixture
def analyst(signed_in: Callable[[Role], StaffAccount]) -> StaffAccount:
    return signed_in(Role.ANALYST)


def _page(client: FlaskClient, query: str = "") -> str:
    response = client.get(f"/bureau/answers/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _leaks(content: str, ids: list[int]) -> list[str]:
    found = [str(number) for number in ids if str(number) in content]
    for forbidden in ("Jantje", "jantje@voorbeeld.nl", "0612345678", "51.80", "4.67", str(FIRST_ID)[:4]):
        if forbidden in content:
            found.append(forbidden)
    return found


def test_the_browser_is_for_analysts(loaded_app: Flask, client: FlaskClient, signed_in: Callable[..., Any]) -> None:
    assert client.get("/bureau/answers/").status_code == 302
    signed_in(Role.PROFESSIONAL)
    assert client.get("/bureau/answers/").status_code == 403
    assert client.get("/bureau/answers/export.csv").status_code == 403


def test_rows_are_pseudonymised(
    loaded_app: Flask, client: FlaskClient, responses: list[int], analyst: StaffAccount
) -> None:
    page = _page(client)
    assert 'data-count="9"' in page
    shown = re.findall(r'data-respondent="([^"]+)"', page)
    secret = loaded_app.config["SECRET_KEY"]
    assert sorted(shown) == sorted(pseudonym(secret, number) for number in responses)
    assert all(PSEUDONYM.match(name) for name in shown)
    assert _page(client).count(shown[0]) == page.count(shown[0])  # stable from one visit to the next
    assert _leaks(page, responses) == []
    assert "E105600N423800" in page  # the block of 100 m, not the point
    assert "What mark do you give your neighbourhood?" in page and "Het park, zegt nummer 3." in page


def test_filters_from_lists_of_names(
    loaded_app: Flask, client: FlaskClient, responses: list[int], analyst: StaffAccount
) -> None:
    page = _page(client)
    options = dict(re.findall(r'<option value="(BU\d+)"[^>]*>([^<]+)</option>', page))
    assert options["BU05050406"] == "Nieuweweg en omgeving"  # chosen by name, the code stays in the form
    assert 'data-count="6"' in _page(client, "?buurt=BU05050406")
    assert 'data-count="6"' in _page(client, "?wijk=WK050504")
    assert 'id="too-few"' in _page(client, "?question=health&value=good")  # four responses
    health = _page(client, "?question=health")
    assert '<option value="good">Good</option>' in health  # the answers of the chosen question, by label
    assert 'data-count="5"' in _page(client, "?question=health&value=poor")
    assert 'id="too-few"' in _page(client, "?language=tr")
    assert 'id="none-match"' in _page(client, "?channel=paper")
    assert 'data-count="9"' in _page(client, "?since=2000-01-01&channel=api")
    # Contact and location questions do not filter: nobody can look a name, an address or a street up.
    assert 'data-count="9"' in _page(client, "?question=contact_details&value=jantje@voorbeeld.nl")
    assert 'data-count="9"' in _page(client, "?question=where&value=Nieuweweg")


def test_fewer_than_k_are_neither_listed_nor_exported(
    loaded_app: Flask, client: FlaskClient, responses: list[int], analyst: StaffAccount
) -> None:
    page = _page(client, f"?buurt={OTHER_BUURT}")  # two responses
    assert 'id="too-few"' in page and 'data-k="5"' in page and "data-respondent" not in page
    for fmt in ("csv", "xlsx", "sav"):
        refused = client.get(f"/bureau/answers/export.{fmt}?buurt={OTHER_BUURT}")
        assert refused.status_code == 403
        assert "data-respondent" not in refused.get_data(as_text=True)
    with loaded_app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "answers.exported")) is None


def test_admins_are_held_to_k_as_well(
    loaded_app: Flask, client: FlaskClient, responses: list[int], signed_in: Callable[..., Any]
) -> None:
    signed_in(Role.ADMIN)
    assert 'id="too-few"' in _page(client, f"?buurt={OTHER_BUURT}")
    assert client.get(f"/bureau/answers/export.csv?buurt={OTHER_BUURT}").status_code == 403


@pytest.fixture
def statements(loaded_app: Flask) -> Iterator[list[str]]:
    seen: list[str] = []

    def remember(*args: object) -> None:
        seen.append(str(args[2]))

    with loaded_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", remember)
    yield seen
    event.remove(engine, "before_cursor_execute", remember)


def test_pages_load_their_answers_in_one_query(
    loaded_app: Flask,
    client: FlaskClient,
    responses: list[int],
    analyst: StaffAccount,
    monkeypatch: pytest.MonkeyPatch,
    statements: list[str],
) -> None:
    monkeypatch.setattr(routes, "PAGE_SIZE", 4)
    first = _page(client)
    assert first.count("data-respondent=") == 4 and 'rel="next"' in first
    third = _page(client, "?page=3")
    assert third.count("data-respondent=") == 1 and 'rel="prev"' in third and 'rel="next"' not in third
    seen = set(re.findall(r'data-respondent="([^"]+)"', first + _page(client, "?page=2") + third))
    assert len(seen) == 9
    statements.clear()
    _page(client, "?page=2")
    answer_queries = [s for s in statements if "FROM answer" in s and "EXISTS" not in s]
    assert len(answer_queries) == 1


def _export(client: FlaskClient, fmt: str, query: str = "") -> bytes:
    response = client.get(f"/bureau/answers/export.{fmt}{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    return response.get_data()


def test_csv_and_xlsx_exports_read_back(
    loaded_app: Flask, client: FlaskClient, responses: list[int], analyst: StaffAccount
) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(client, "csv").decode("utf-8-sig"))))
    assert len(rows) == 9
    assert {"respondent", "buurt", "block", "health", "good_here"} <= set(rows[0])
    assert not {"contact_details", "where", "id"} & set(rows[0])
    secret = loaded_app.config["SECRET_KEY"]
    assert {row["respondent"] for row in rows} == {pseudonym(secret, number) for number in responses}
    assert {row["health"] for row in rows} == {"Good", "Poor"}  # labels in the analyst's language
    assert {row["buurt"] for row in rows} >= {"Nieuweweg en omgeving"}
    book = load_workbook(io.BytesIO(_export(client, "xlsx", "?buurt=BU05050406")), read_only=True)
    sheet, codebook = book.worksheets
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(table) == 7 and table[0][0] == "respondent"
    column = table[0].index("rating_neighbourhood")
    assert {row[column] for row in table[1:]} <= {6, 7, 8}
    labels = {row[0]: row[1] for row in codebook.iter_rows(values_only=True) if row[1]}
    assert labels["health"] == "How is your health in general?"
    for content in (_export(client, "csv").decode("utf-8-sig"), str(table)):
        assert _leaks(content, responses) == []


def test_the_spss_file_reads_back_with_its_labels(
    loaded_app: Flask, client: FlaskClient, responses: list[int], analyst: StaffAccount, tmp_path: Any
) -> None:
    pyreadstat = pytest.importorskip("pyreadstat")
    path = tmp_path / "answers.sav"
    path.write_bytes(_export(client, "sav", "?buurt=BU05050406"))
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 6
    assert meta.column_names_to_labels["health"] == "How is your health in general?"
    assert meta.column_names_to_labels["good_here"] == "What is good about your neighbourhood?"
    assert meta.variable_value_labels["health"] == {
        1.0: "Very good",
        2.0: "Good",
        3.0: "Fair",
        4.0: "Poor",
        5.0: "Very poor",
    }
    assert meta.variable_value_labels["wants_involved"] == {1.0: "Yes", 0.0: "No"}
    assert meta.variable_value_labels["safe_day"][4.0] == "Agree"
    assert sorted(frame["health"].tolist()) == [2.0, 2.0, 2.0, 4.0, 4.0, 4.0]
    assert set(frame["safe_day"]) == {4.0}
    assert "contact_details" not in frame.columns and "where" not in frame.columns
    secret = loaded_app.config["SECRET_KEY"]
    assert set(frame["respondent"]) == {pseudonym(secret, number) for number in responses[:6]}
    assert _leaks(frame.to_csv(), responses) == []


def test_each_export_is_audited(
    loaded_app: Flask, client: FlaskClient, responses: list[int], analyst: StaffAccount
) -> None:
    for fmt in ("csv", "xlsx", "sav"):
        _export(client, fmt, "?buurt=BU05050406&question=health")
    with loaded_app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "answers.exported").order_by(AuditEvent.id)
        ).all()
        assert [event.details["format"] for event in events] == ["csv", "xlsx", "sav"]
        for audited in events:
            assert audited.actor_id == analyst.id
            assert audited.details["rows"] == 6 and audited.details["threshold"] == 5
            assert audited.details["filters"] == {
                "survey": "bewonersenquete",
                "question": "health",
                "buurt_code": "BU05050406",
            }
