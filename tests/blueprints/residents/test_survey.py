"""The resident's way through the default survey with the test client (no JavaScript, as a basic phone)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Answer, ResponseChannel, StoredLocation, SurveyResponse

SURVEY = "/nl/s/bewonersenquete"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'

PAGES: list[Mapping[str, str]] = [
    {"rating_neighbourhood": "7", "safe_day": "4", "safe_evening": "2"},
    {"contact_neighbours": "3", "trust_municipality": "3", "health": "good"},
    {"good_here": SCRIPT, "improve_first": FORMULA, "where__buurt": "BU05050300", "where__street": ""},
    {"wants_involved": "no"},
    {"age_group": "age_25_44", "household": "alone"},
]


def errors_on(page: str) -> list[str]:
    return re.findall(r'class="field__error"[^>]*>(?:<span[^>]*>[^<]*</span>)?\s*([^<]*)<', page)


def fill_in(client: FlaskClient, base: str = SURVEY, pages: list[Mapping[str, str]] = PAGES) -> None:
    assert client.post(f"{base}/start").status_code == 302
    for number, answers in enumerate(pages, start=1):
        response = client.post(f"{base}/{number}", data={"action": "next", **answers})
        assert response.status_code == 302, errors_on(response.get_data(as_text=True))


def submit_and_read_receipt(client: FlaskClient, base: str = SURVEY) -> str:
    assert client.post(f"{base}/submit").status_code == 302
    page = client.get(f"{base}/thanks").get_data(as_text=True)
    match = re.search(r'class="code">([0-9A-Z-]+)<', page)
    assert match, page
    return match.group(1)


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_resident_completes_the_survey_and_gets_a_receipt(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    fill_in(client)
    check = client.get(f"{SURVEY}/check").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in check and SCRIPT not in check
    code = submit_and_read_receipt(client)
    with loaded_app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        assert response is not None
        assert response.channel is ResponseChannel.WEB and response.language == "nl"
        answers = {answer.question_id: answer.value for answer in response.answers}
        assert answers["rating_neighbourhood"] == 7
        assert answers["good_here"] == SCRIPT  # stored exactly as typed
        assert answers["improve_first"] == FORMULA
        assert answers["where"]["buurt"] == "BU05050300"
        assert "contact_details" not in answers  # hidden: the resident did not want to be involved
        assert response.location is not None and response.location.wijk_code == "WK050503"
        assert response.location.in_focus_area and response.location.latitude is None
    receipt = client.post("/nl/receipt", data={"code": code.lower().replace("-", " ")})
    assert receipt.status_code == 200
    shown = receipt.get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and SCRIPT not in shown
    assert "=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)" in shown


def test_submitting_twice_stores_one_response(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    fill_in(client)
    first = client.post(f"{SURVEY}/submit")
    second = client.post(f"{SURVEY}/submit")
    assert first.headers["Location"] == second.headers["Location"] == f"{SURVEY}/thanks"
    assert client.get(f"{SURVEY}/5").status_code == 302  # the back button leads to the start, not a copy
    assert count(loaded_app, SurveyResponse) == 1


def test_errors_appear_next_to_the_field_in_the_residents_language(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post("/en/s/bewonersenquete/start")
    page = client.post("/en/s/bewonersenquete/1", data={"action": "next", "rating_neighbourhood": "eleven"})
    assert page.status_code == 400
    assert "Please give a number" in " ".join(errors_on(page.get_data(as_text=True)))
    dutch = client.post(f"{SURVEY}/1", data={"action": "next"})
    assert dutch.status_code == 400
    assert errors_on(dutch.get_data(as_text=True)) and "Please answer" not in dutch.get_data(as_text=True)


def test_switching_language_keeps_the_answers(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(f"{SURVEY}/start")
    client.post(f"{SURVEY}/1", data={"action": "next", **PAGES[0]})
    arabic = client.get("/ar/s/bewonersenquete/1").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic
    assert re.search(r'value="7"\s+checked', arabic)


def test_save_and_resume_with_the_code_on_another_device(loaded_app: Flask) -> None:
    phone = loaded_app.test_client()
    phone.post(f"{SURVEY}/start")
    first_page = phone.get(f"{SURVEY}/1").get_data(as_text=True)
    code = re.search(r'class="code">([0-9A-Z-]+)<', first_page)
    assert code
    assert phone.post(f"{SURVEY}/1", data={"action": "save", **PAGES[0]}).headers["Location"] == f"{SURVEY}/saved"

    computer = loaded_app.test_client()
    assert computer.post(f"{SURVEY}/resume", data={"code": "AAAAA-AAAAA"}).status_code == 400
    resumed = computer.post(f"{SURVEY}/resume", data={"code": code.group(1)})
    assert resumed.status_code == 302
    assert re.search(r'value="7"\s+checked', computer.get(f"{SURVEY}/1").get_data(as_text=True))


def test_skip_logic_shows_contact_only_to_residents_who_want_to_join(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    pages = [*PAGES[:3], {"wants_involved": "yes"}]
    fill_in(client, pages=pages)
    contact = client.get(f"{SURVEY}/5").get_data(as_text=True)
    assert 'name="contact_details"' in contact


def test_a_place_outside_the_municipality_is_refused_on_its_page(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(f"{SURVEY}/start")
    client.post(f"{SURVEY}/1", data={"action": "next", **PAGES[0]})
    client.post(f"{SURVEY}/2", data={"action": "next", **PAGES[1]})
    amsterdam = client.post(
        "/en/s/bewonersenquete/3", data={"action": "next", "where": "map", "where__lat": "52.37", "where__lon": "4.89"}
    )
    assert amsterdam.status_code == 400
    assert "outside the municipality" in amsterdam.get_data(as_text=True)


def test_a_tapped_point_is_kept_only_as_its_block(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    pages = [dict(page) for page in PAGES]
    pages[2] = {"where": "map", "where__lat": "51.8012", "where__lon": "4.6718", "where__source": "map"}
    fill_in(client, pages=pages)
    submit_and_read_receipt(client)
    with loaded_app.app_context():
        location = db.session.scalar(select(StoredLocation))
        assert location is not None
        assert location.block_id == "E105600N423800"
        assert (location.latitude, location.longitude) != (51.8012, 4.6718)
        stored = db.session.scalar(select(Answer.value).where(Answer.question_id == "where"))
        assert "lat" not in stored and stored["block"] == "E105600N423800"


def test_the_receipt_code_deletes_everything(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    fill_in(client)
    code = submit_and_read_receipt(client)
    assert client.post("/nl/receipt", data={"code": "WRONG-CODE0"}).status_code == 400
    deleted = client.post("/nl/receipt/delete", data={"code": code})
    assert deleted.status_code == 302
    assert count(loaded_app, SurveyResponse) == 0
    assert count(loaded_app, Answer) == 0
    assert count(loaded_app, StoredLocation) == 0
    assert client.post("/nl/receipt", data={"code": code}).status_code == 400


def test_unknown_survey_is_not_found(loaded_app: Flask) -> None:
    assert loaded_app.test_client().get("/nl/s/nope/").status_code == 404


@pytest.mark.parametrize("path", ["/nl/s/bewonersenquete/3", "/nl/s/bewonersenquete/check"])
def test_pages_need_a_started_survey(loaded_app: Flask, path: str) -> None:
    response = loaded_app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{SURVEY}/"


def test_a_campaign_link_is_recorded_with_the_response(loaded_app: Flask) -> None:
    runner = loaded_app.test_cli_runner()
    assert (
        runner.invoke(args=["surveys", "campaign", "bewonersenquete", "flyer-2026", "--kind", "flyer"]).exit_code == 0
    )
    client = loaded_app.test_client()
    intro = client.get(f"{SURVEY}/?c=flyer-2026").get_data(as_text=True)
    assert 'name="campaign" value="flyer-2026"' in intro
    client.post(f"{SURVEY}/start", data={"campaign": "flyer-2026"})
    for number, answers in enumerate(PAGES, start=1):
        client.post(f"{SURVEY}/{number}", data={"action": "next", **answers})
    submit_and_read_receipt(client)
    with loaded_app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        assert response is not None and response.campaign is not None
        assert response.campaign.name == "flyer-2026"


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    assert client.post(f"{SURVEY}/start", data={"website": "http://spam.example"}).status_code == 400
    client.post(f"{SURVEY}/start")
    refused = client.post(f"{SURVEY}/1", data={"action": "next", "website": "x", **PAGES[0]})
    assert refused.status_code == 400
    assert 'value="7"\n        checked' not in client.get(f"{SURVEY}/1").get_data(as_text=True)


def test_every_text_answer_has_a_length_limit(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(f"{SURVEY}/start")
    client.post(f"{SURVEY}/1", data={"action": "next", **PAGES[0]})
    client.post(f"{SURVEY}/2", data={"action": "next", **PAGES[1]})
    page = client.post(f"{SURVEY}/3", data={"action": "next", "good_here": "x" * 5000, "where": "skip"})
    assert page.status_code == 400
    assert "too long" in page.get_data(as_text=True) or "te lang" in page.get_data(as_text=True)
