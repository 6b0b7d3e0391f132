"""The JSON API: definitions per language, submissions with the web form's validation, idempotency, OpenAPI."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import ResponseChannel, SurveyResponse
from tests.factories import ANSWERS

URL = "/api/v1/surveys/bewonersenquete"


def responses_stored(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(SurveyResponse)) or 0)


def test_definition_in_the_asked_language(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    turkish = client.get(f"{URL}?lang=tr").get_json()
    assert turkish["language"] == "tr" and turkish["version"] == 1
    assert turkish["title"] == "Dordt West Sakin Anketi"
    first = turkish["pages"][0]["questions"][0]
    assert first["id"] == "rating_neighbourhood" and first["type"] == "rating" and first["required"] is True
    unknown = client.get(f"{URL}?lang=xx")
    assert unknown.status_code == 422 and unknown.mimetype == "application/problem+json"
    assert unknown.get_json()["errors"]["lang"]["code"] == "unknown_language"
    assert client.get(URL).get_json()["language"] == "nl"
    assert client.get("/api/v1/surveys/nope").status_code == 404


def test_submit_with_a_point_answers_201_with_receipt_and_location(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    response = client.post(
        f"{URL}/responses", json={"language": "tr", "answers": ANSWERS, "location": {"lat": 51.8012, "lon": 4.6718}}
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body) == {"id", "receipt", "location"}
    assert len(body["receipt"]) == 11
    assert body["location"] == {
        "inside": True,
        "wijk": {"code": "WK050504", "name": "Wijk 04 Nieuw-krispijn"},
        "buurt": {"code": "BU05050406", "name": "Nieuweweg en omgeving"},
        "block": {"id": "E105600N423800"},
        "street": None,
        "focus_area": True,
    }
    with loaded_app.app_context():
        stored = db.session.get(SurveyResponse, body["id"])
        assert stored is not None and stored.channel is ResponseChannel.API and stored.language == "tr"
        assert {answer.question_id: answer.value for answer in stored.answers}["good_here"] == ANSWERS["good_here"]


def test_a_buurt_from_a_list_is_a_location_too(loaded_app: Flask) -> None:
    response = loaded_app.test_client().post(
        f"{URL}/responses", json={"answers": ANSWERS, "location": {"buurt": "BU05050300"}}
    )
    assert response.status_code == 201
    location = response.get_json()["location"]
    assert location["buurt"]["code"] == "BU05050300" and location["block"] is None and location["focus_area"] is True


def test_invalid_answers_get_422_with_an_error_per_question_in_the_language(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    bad = {**ANSWERS, "rating_neighbourhood": 11, "health": "superb", "unknown": 1}
    del bad["safe_day"]
    response = client.post(
        f"{URL}/responses", json={"language": "en", "answers": bad, "location": {"lat": 52.37, "lon": 4.89}}
    )
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors["rating_neighbourhood"]["code"] == "out_of_range"
    assert errors["health"]["code"] == "not_a_choice"
    assert errors["unknown"]["code"] == "unknown_question"
    assert errors["where"]["code"] == "outside"
    assert "Please" in errors["health"]["message"]
    assert responses_stored(loaded_app) == 0


def test_malformed_bodies_get_400_not_500(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    assert client.post(f"{URL}/responses", data="{not json", content_type="application/json").status_code == 400
    assert client.post(f"{URL}/responses", json=[1, 2]).status_code == 400
    assert client.post(f"{URL}/responses", json={"answers": "x"}).status_code == 400
    assert client.post(f"{URL}/responses", json={"answers": ANSWERS, "location": "here"}).status_code == 422
    assert (
        client.post(f"{URL}/responses", json={"answers": {**ANSWERS, "rating_neighbourhood": [1]}}).status_code == 422
    )


def test_the_same_idempotency_key_stores_one_response(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    headers = {"Idempotency-Key": "tablet-7-response-42"}
    first = client.post(f"{URL}/responses", json={"answers": ANSWERS}, headers=headers)
    again = client.post(f"{URL}/responses", json={"answers": ANSWERS}, headers=headers)
    assert first.status_code == 201 and again.status_code == 200
    assert again.get_json()["id"] == first.get_json()["id"] and again.get_json()["receipt"] is None
    assert responses_stored(loaded_app) == 1


def test_the_api_is_rate_limited_per_client(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT="3 per minute")
    assert app.test_cli_runner().invoke(args=["content", "load"]).exit_code == 0
    client = app.test_client()
    statuses = [client.get(URL).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(URL)
    assert limited.mimetype == "application/problem+json" and limited.get_json()["status"] == 429


def test_openapi_document_describes_both_endpoints(client) -> None:  # type: ignore[no-untyped-def]
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {"/api/v1/surveys/{slug}", "/api/v1/surveys/{slug}/responses"}
    assert "422" in document["paths"]["/api/v1/surveys/{slug}/responses"]["post"]["responses"]
