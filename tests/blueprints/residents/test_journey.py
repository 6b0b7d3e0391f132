"""The resident's journey without dead ends (issue 12), with the test client: the home page leads to the open
surveys and to the results, the location question names the place, resume goes on where the resident stopped."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

import participation
from participation.extensions import db
from participation.models import ResponseDraft, Survey
from participation.responses.publishing import current_version, definition_of, publish
from participation.web.clock import local_today
from tests.blueprints.residents.test_survey import PAGES, SURVEY, errors_on

STATIC = Path(participation.__file__).parent / "static"
FOCUS_BUURT = "BU05050401"  # Waldeck Pyrmontweg en omgeving, in Dordt West
A_POINT_IN_ZUIDHOVEN = {"lat": "51.7940", "lon": "4.6700"}


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def cards(page: str) -> list[str]:
    """Each card of a page, from its opening tag to the next card or the end of its list."""
    return [part.split("\n</ul>")[0] for part in re.split(r'<li class="card', page)[1:]]


def survey_cards(client: FlaskClient, language: str = "nl") -> list[str]:
    home = client.get(f"/{language}/")
    assert home.status_code == 200
    return [card for card in cards(home.get_data(as_text=True)) if card.startswith(" survey-card")]


def test_the_home_page_lists_the_open_survey_with_its_duration_audience_and_start(loaded_app: Flask) -> None:
    [card] = survey_cards(loaded_app.test_client())
    assert "Bewonersenquête Dordt West" in card
    assert "10 minuten" in card and "Bewoners van Dordt West" in card
    assert 'href="/nl/s/bewonersenquete/"' in card


def test_the_home_page_links_to_you_said_we_did_of_each_focus_wijk(loaded_app: Flask) -> None:
    home = loaded_app.test_client().get("/nl/").get_data(as_text=True)
    links = re.findall(r'href="(/nl/wijk/WK\d+/)"', home)
    assert links == ["/nl/wijk/WK050503/", "/nl/wijk/WK050504/", "/nl/wijk/WK050507/", "/nl/wijk/WK050508/"]
    client = loaded_app.test_client()
    assert all(client.get(link).status_code == 200 for link in links)


def test_every_card_on_the_home_page_links_to_what_it_promises(loaded_app: Flask) -> None:
    home = loaded_app.test_client().get("/nl/").get_data(as_text=True)
    found = cards(home)
    assert len(found) == 5  # one survey, four ways to take part
    for card in found:
        target = re.search(r'href="([^"]+)"', card)
        assert target, card
        if target.group(1).startswith("#"):
            assert f'id="{target.group(1)[1:]}"' in home


def test_a_survey_past_its_closing_day_leaves_the_home_page_and_takes_no_one_new(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    started = loaded_app.test_client()
    started.post(f"{SURVEY}/start")
    with loaded_app.app_context():
        version = current_version(db.session, "bewonersenquete")
        assert version is not None
        publish(db.session, replace(definition_of(version), closes=local_today() - timedelta(days=1)))
        db.session.commit()
    assert survey_cards(client) == []
    assert "Er is nu geen enquête" in client.get("/nl/").get_data(as_text=True) or "no survey open" in client.get(
        "/nl/"
    ).get_data(as_text=True)
    assert client.get(f"{SURVEY}/").status_code == 410
    assert client.post(f"{SURVEY}/start").status_code == 410
    # A resident who had started may still finish: nothing they saved is lost.
    assert started.post(f"{SURVEY}/1", data={"action": "next", **PAGES[0]}).status_code == 302


def test_an_unpublished_survey_leaves_the_home_page_and_comes_back(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    runner = loaded_app.test_cli_runner()
    assert runner.invoke(args=["surveys", "unpublish", "bewonersenquete"]).exit_code == 0
    assert survey_cards(client) == []
    assert client.post(f"{SURVEY}/start").status_code == 410
    with loaded_app.app_context():
        survey = db.session.scalar(select(Survey))
        assert survey is not None and survey.unpublished_at is not None
    assert runner.invoke(args=["surveys", "unpublish", "--undo", "bewonersenquete"]).exit_code == 0
    assert len(survey_cards(client)) == 1


def location_page(client: FlaskClient, language: str = "nl") -> str:
    client.post(f"/{language}/s/bewonersenquete/start")
    for number, answers in enumerate(PAGES[:2], start=1):
        client.post(f"/{language}/s/bewonersenquete/{number}", data={"action": "next", **answers})
    return client.get(f"/{language}/s/bewonersenquete/3").get_data(as_text=True)


def test_the_buurt_list_offers_the_focus_area_first_by_name_then_the_rest(loaded_app: Flask) -> None:
    page = location_page(loaded_app.test_client())
    select_box = page[page.index('id="where__buurt"') : page.index("</select>")]
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select_box, re.S)
    assert [label for label, _ in groups] == ["Dordt West", "Andere buurten"]  # in the page's language
    focus, others = ([name for name in re.findall(r">([^<]+)</option>", options)] for _, options in groups)
    assert focus == sorted(focus, key=str.casefold) and others == sorted(others, key=str.casefold)
    assert len(focus) == 24 and "Waldeck Pyrmontweg en omgeving" in focus and "Zuidhoven" in others


def test_the_map_opens_on_the_focus_area(loaded_app: Flask) -> None:
    page = location_page(loaded_app.test_client())
    focus = re.search(r'data-focus="([^"]*)"', page)
    assert focus and len(focus.group(1).split()) == 24 and FOCUS_BUURT in focus.group(1).split()


def test_no_point_is_sent_unless_the_resident_chose_one(loaded_app: Flask) -> None:
    page = location_page(loaded_app.test_client())
    for part in ("lat", "lon", "source"):
        field = re.search(rf'<input type="hidden" name="where__{part}"[^>]*>', page)
        assert field and " disabled" in field.group(0), part
    # The script enables them only when the map is tapped or the location is used.
    script = (STATIC / "js" / "location-picker.js").read_text("utf-8")
    assert script.count("input.disabled = false") == 1
    assert "function choose(" in script[: script.index("input.disabled = false")]


def test_a_buurt_and_i_would_rather_not_say_together_get_a_clear_message(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    location_page(client)
    refused = client.post(
        f"{SURVEY}/3", data={"action": "next", "good_here": "Het park", "where": "skip", "where__buurt": FOCUS_BUURT}
    )
    assert refused.status_code == 400
    body = refused.get_data(as_text=True)
    assert any("ook “Ik zeg liever niet waar”" in error for error in errors_on(body))  # in Dutch, as the page
    assert 'href="#where"' in body  # the summary leads to the field
    # What was valid on the page is kept.
    assert "Het park" in client.get(f"{SURVEY}/3").get_data(as_text=True)


def test_the_place_of_a_point_is_named_in_the_residents_language(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    named = client.get("/ar/place", query_string=A_POINT_IN_ZUIDHOVEN)
    assert named.status_code == 200 and named.get_json()["buurt"] == "Zuidhoven"
    assert "<bdi>Zuidhoven</bdi>" in named.get_json()["html"]
    outside = client.get("/nl/place", query_string={"lat": "52.37", "lon": "4.89"}).get_json()
    assert (outside["inside"] is False and "buiten" in outside["html"].lower()) or "outside" in outside["html"]
    assert client.get("/nl/place", query_string={"lat": "x", "lon": "4"}).status_code == 400
    assert client.get("/nl/place", query_string={"lat": "<b>", "lon": "nan"}).status_code == 400


def test_the_check_page_names_the_buurt_of_a_map_point(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    location_page(client)
    point = {"where": "map", "where__lat": A_POINT_IN_ZUIDHOVEN["lat"], "where__lon": A_POINT_IN_ZUIDHOVEN["lon"]}
    assert client.post(f"{SURVEY}/3", data={"action": "next", **point}).status_code == 302
    for number, answers in enumerate(PAGES[3:], start=4):
        client.post(f"{SURVEY}/{number}", data={"action": "next", **answers})
    check = client.get(f"{SURVEY}/check").get_data(as_text=True)
    assert re.search(r"<bdi>[^<]*Zuidhoven</bdi>", check)


def test_resume_lands_on_the_first_page_without_an_answer(loaded_app: Flask) -> None:
    phone = loaded_app.test_client()
    phone.post(f"{SURVEY}/start")
    code = re.search(r'class="code">([0-9A-Z-]+)<', phone.get(f"{SURVEY}/1").get_data(as_text=True))
    assert code
    phone.post(f"{SURVEY}/1", data={"action": "next", **PAGES[0]})
    phone.post(f"{SURVEY}/2", data={"action": "save", **PAGES[1]})
    computer = loaded_app.test_client()
    resumed = computer.post(f"{SURVEY}/resume", data={"code": code.group(1)})
    assert resumed.headers["Location"] == f"{SURVEY}/continue"
    assert computer.get(f"{SURVEY}/continue").headers["Location"] == f"{SURVEY}/3"
    # The "continue" buttons of the introduction and the saved page go the same way.
    assert f'href="{SURVEY}/continue"' in phone.get(f"{SURVEY}/").get_data(as_text=True)
    assert f'href="{SURVEY}/continue"' in phone.get(f"{SURVEY}/saved").get_data(as_text=True)


def test_resume_with_every_page_answered_lands_on_the_check_page(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(f"{SURVEY}/start")
    for number, answers in enumerate(PAGES, start=1):
        client.post(f"{SURVEY}/{number}", data={"action": "next", **answers})
    assert client.get(f"{SURVEY}/continue").headers["Location"] == f"{SURVEY}/check"


def test_the_introduction_says_the_duration_and_the_name_once(loaded_app: Flask) -> None:
    for language in ("nl", "en", "ar"):
        intro = main_of(loaded_app.test_client().get(f"/{language}/s/bewonersenquete/").get_data(as_text=True))
        told = html.unescape(re.sub(r"<[^>]+>", " ", intro.split("<form")[0]))
        assert re.findall(r"\d+", told) == ["10"], told  # one number: the minutes, said once
    dutch = main_of(loaded_app.test_client().get(f"{SURVEY}/").get_data(as_text=True))
    assert dutch.count("naam") == 1


def test_codes_never_break_across_lines() -> None:
    css = (STATIC / "css" / "main.css").read_text("utf-8")
    rule = re.search(r"\n\.code \{([^}]*)\}", css)
    assert rule and "white-space: nowrap" in rule.group(1)


@pytest.mark.parametrize("path", ["/ar/", "/ar/wijk/WK050504/"])
def test_area_names_in_arabic_text_are_isolated(loaded_app: Flask, path: str) -> None:
    page = main_of(loaded_app.test_client().get(path).get_data(as_text=True))
    assert "<bdi>Dordt West</bdi>" in page or "<bdi>Wijk 04 Nieuw-krispijn</bdi>" in page
    assert "<bdi>Wijk 04 Nieuw-krispijn</bdi>" in page


def test_the_error_summary_takes_the_focus_and_has_no_double_punctuation(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(f"{SURVEY}/start")
    refused = client.post(f"{SURVEY}/1", data={"action": "next"}).get_data(as_text=True)
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', refused, re.S)
    assert summary and "autofocus" in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    assert "Welk cijfer geeft u uw buurt? " in summary.group(1)
    assert not re.search(r"[?!.]:", summary.group(1))
    assert "js/focus-errors.js" in refused


def test_the_check_page_lists_refusals_in_the_shared_summary_linked_to_each_answer(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(f"{SURVEY}/start")
    client.post(f"{SURVEY}/1", data={"action": "save"})
    refused = client.post(f"{SURVEY}/submit")
    assert refused.status_code == 400
    body = refused.get_data(as_text=True)
    assert 'href="#answer-rating_neighbourhood"' in body and 'id="answer-rating_neighbourhood"' in body
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', body, re.S)
    assert summary and not re.search(r"[?!.]:", summary.group(1))


def test_switching_language_on_a_survey_page_saves_what_was_typed(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(f"{SURVEY}/start")
    page = client.get(f"{SURVEY}/1").get_data(as_text=True)
    assert re.search(r'<button type="submit" form="survey-page" name="language" value="ar"', page)
    assert 'id="survey-page"' in page
    switched = client.post(f"{SURVEY}/1", data={"language": "ar", "rating_neighbourhood": "8"})
    assert switched.headers["Location"] == "/ar/s/bewonersenquete/1"
    assert re.search(r'value="8"\s+checked', client.get("/ar/s/bewonersenquete/1").get_data(as_text=True))
    with loaded_app.app_context():
        draft = db.session.scalar(select(ResponseDraft))
        assert draft is not None and draft.answers["rating_neighbourhood"] == 8


def test_the_privacy_statement_names_every_cookie_and_the_tile_server(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    set_cookies: set[str] = set()
    responses = [client.get("/nl/"), client.post(f"{SURVEY}/start"), client.get("/language/ar?next=/nl/")]
    responses.append(client.post(f"{SURVEY}/1", data={"action": "next", **PAGES[0]}))
    for response in responses:
        set_cookies.update(header.split("=", 1)[0] for header in response.headers.getlist("Set-Cookie"))
    assert set_cookies >= {"lang", loaded_app.config["SESSION_COOKIE_NAME"]}
    privacy = client.get("/nl/privacy").get_data(as_text=True)
    for name in set_cookies:
        assert f"<code>{name}</code>" in privacy
    assert "https://service.pdok.nl" in privacy


def test_without_a_tile_server_the_privacy_statement_says_nothing_is_loaded_from_elsewhere(
    make_app: object,
) -> None:
    app = make_app(TILE_URL="")  # type: ignore[operator]
    privacy = app.test_client().get("/en/privacy").get_data(as_text=True)
    assert "loads nothing from other websites" in privacy and "pdok" not in privacy
