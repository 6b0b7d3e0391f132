"""The map pages: for an analyst a block, street or buurt of 4 respondents appears in no map layer, tooltip, table
or export (an admin sees it); filters reach the figures; the pages credit CBS/Kadaster and hold no inline script
and no third-party address."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Role
from tests.factories import (
    BLOCK_BIG,
    BLOCK_OTHER,
    BLOCK_SMALL,
    BUURT_A,
    BUURT_B,
    STREET,
    MapSeeder,
    StaffAccount,
    sign_in,
)

CREDIT = "Kadaster / Centraal Bureau voor de Statistiek, 2024"
THIRD_PARTY = re.compile(r"(cdn|unpkg|jsdelivr|cdnjs|googleapis|bootstrapcdn|code\.jquery)", re.IGNORECASE)
# A script element without src that is not a JSON data block (which no browser runs).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.IGNORECASE)


@pytest.fixture
def maps_app(loaded_app: Flask) -> Flask:
    return loaded_app


@pytest.fixture
def seed(maps_app: Flask) -> Iterator[MapSeeder]:
    with maps_app.app_context():
        yield MapSeeder(db.session)
        db.session.rollback()


@pytest.fixture
def client_for(maps_app: Flask, make_staff: Callable[..., StaffAccount]) -> Callable[[Role], FlaskClient]:
    def signed_in(role: Role) -> FlaskClient:
        client = maps_app.test_client()
        client.set_cookie("lang", "en")  # the assertions read the English texts
        sign_in(client, make_staff(role))
        return client

    return signed_in


@pytest.fixture
def theme_id(seed: MapSeeder) -> int:
    """Four sources in one block, street and buurt; nine and twelve in others; all raise one theme."""
    theme = seed.theme("map_litter")
    for block, buurt, street, n in (
        (BLOCK_SMALL, BUURT_A, "Kleine straat", 4),
        (BLOCK_BIG, BUURT_B, STREET, 9),
        (BLOCK_OTHER, "BU05050302", "Lange straat", 12),
    ):
        for _ in range(n):
            seed.at(block, buurt, street, themes=[theme])
    seed.session.commit()
    return theme.id


def views(client: FlaskClient, kind: str, query: str) -> tuple[str, str, dict[str, object]]:
    """The page, its script with the page's data in front of it, and its GeoJSON export for one query string."""
    page = client.get(f"/bureau/maps/{kind}?{query}")
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    html = page.get_data(as_text=True)
    script_url = re.search(r'<script src="(/bureau/maps/[^"]+)"', html)
    assert script_url is not None
    script = client.get(script_url.group(1))
    export = client.get(f"/bureau/maps/{kind}.geojson?{query}")
    assert script.status_code == export.status_code == 200
    assert script.mimetype == "text/javascript"
    assert export.headers["Content-Type"] == "application/geo+json" and export.headers["Cache-Control"] == "no-store"
    assert export.headers["Content-Disposition"].startswith(f'attachment; filename="map-{kind}.geojson"')
    data = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.DOTALL)
    assert data is not None
    return html, "var DATA = " + data.group(1) + ";\n" + script.get_data(as_text=True), export.get_json(force=True)


def script_data(script: str) -> dict[str, object]:
    match = re.search(r"^var DATA = (.*);$", script, re.MULTILINE)
    assert match is not None
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def row_of(html: str, key: str) -> str:
    match = re.search(rf"<tr><th scope=row>{re.escape(key)}(.*?)\n", html)
    assert match is not None, key
    return match.group(1)


def exported(document: dict[str, object], key: str) -> dict[str, object]:
    features = document["features"]
    assert isinstance(features, list)
    return next(feature["properties"] for feature in features if feature["properties"]["key"] == key)


MAPS = [
    ("blocks", "", f"{BUURT_A}-100-{BLOCK_SMALL}"),
    ("themes", "level=block&theme={theme}", f"{BUURT_A}-100-{BLOCK_SMALL}"),
    ("themes", "level=street&theme={theme}", f"{BUURT_A}-100-{BLOCK_SMALL}/Kleine straat"),
    ("areas", "level=buurt&measure=count", BUURT_A),
    ("areas", "level=buurt&measure=theme&theme={theme}", BUURT_A),
]
# The cell and street maps leave a small figure out altogether (its buurt is hidden, so nothing of it is drawn);
# the area maps mark it "fewer than 5".
LEFT_OUT = {"blocks", "themes"}


@pytest.mark.parametrize(("kind", "query", "key"), MAPS)
def test_a_cell_of_four_never_appears_for_an_analyst(
    client_for: Callable[[Role], FlaskClient], theme_id: int, kind: str, query: str, key: str
) -> None:
    html, script, document = views(client_for(Role.ANALYST), kind, query.format(theme=theme_id))
    features = document["features"]
    assert isinstance(features, list)
    if kind in LEFT_OUT:
        assert BLOCK_SMALL not in html and BLOCK_SMALL not in script and BLOCK_SMALL not in json.dumps(document)
        assert "Kleine straat" not in html and "Kleine straat" not in script
        assert 4 not in [feature["properties"]["count"] for feature in features]
        assert [feature["properties"]["count"] for feature in features] == [12]
        return
    assert "fewer than 5" in row_of(html, key)
    assert re.search(r"<td>4(<|$)", row_of(html, key)) is None
    properties = exported(document, key)
    assert (properties["count"], properties["value"], properties["status"]) == (None, None, "small")
    data = script_data(script)
    tips = [feature["properties"]["tip"] for feature in data["areas"]["features"]]  # type: ignore[index]
    tip = next(tip for tip in tips if f"({key})" in tip)
    assert tip.endswith("fewer than 5")


@pytest.mark.parametrize(("kind", "query", "key"), MAPS)
def test_an_admin_sees_the_four(
    client_for: Callable[[Role], FlaskClient], theme_id: int, kind: str, query: str, key: str
) -> None:
    html, _script, document = views(client_for(Role.ADMIN), kind, query.format(theme=theme_id))
    assert re.search(r"<td>4(<|$)", row_of(html, key)) is not None
    assert exported(document, key)["count"] == 4


def test_the_legend_gives_each_class_its_bounds_in_the_page_and_the_export(
    client_for: Callable[[Role], FlaskClient], theme_id: int
) -> None:
    html, _script, document = views(client_for(Role.ADMIN), "blocks", "")
    # Three cells of 4, 9 and 12: a class each, with its bounds, lightest first.
    bounds = re.findall(r'<li data-low="([^"]*)" data-high="([^"]*)">', html)
    assert bounds == [("4.0", "4.0"), ("9.0", "9.0"), ("12.0", "12.0")]
    properties = document["properties"]
    assert isinstance(properties, dict)
    assert [(entry["low"], entry["high"]) for entry in properties["legend"]] == [(4, 4), (9, 9), (12, 12)]
    fills = {feature["properties"]["count"]: feature["properties"]["fill"] for feature in document["features"]}  # type: ignore[index]
    assert [fills[4], fills[9], fills[12]] == [entry["colour"] for entry in properties["legend"]]
    assert properties["coverage"]["share_drawn"] == 1.0
    assert 'id="map-coverage"' in html


def test_a_professional_gets_no_map(client_for: Callable[[Role], FlaskClient]) -> None:
    client = client_for(Role.PROFESSIONAL)
    for path in ("/bureau/maps/", "/bureau/maps/blocks", "/bureau/maps/script/cells.js", "/bureau/maps/blocks.geojson"):
        assert client.get(path).status_code == 403


def test_pages_have_no_inline_script_and_no_third_party_address(
    client_for: Callable[[Role], FlaskClient], theme_id: int
) -> None:
    client = client_for(Role.ANALYST)
    for kind, query, _key in MAPS:
        html, script, _document = views(client, kind, query.format(theme=theme_id))
        assert INLINE_SCRIPT.findall(html) == []
        assert " style=" not in html
        assert THIRD_PARTY.search(html) is None
        assert THIRD_PARTY.search(script) is None
        assert CREDIT in html
        assert CREDIT in script
        assert 'id="map_bureau"' in html
        assert 'L.map(\n                "map_bureau"' in script


def test_without_tiles_every_layer_still_draws(
    maps_app: Flask, client_for: Callable[[Role], FlaskClient], theme_id: int
) -> None:
    maps_app.config["TILE_URL"] = ""
    _html, script, _document = views(client_for(Role.ANALYST), "blocks", "")
    assert "L.tileLayer" not in script
    assert "fetch(DATA.outlines" in script  # the buurt outlines come from the app, tiles or not
    assert script_data(script)["outlines"] == "/geo/buurten.geojson"
    assert len(script_data(script)["areas"]["features"]) == 1  # type: ignore[index]


def test_with_tiles_the_tile_server_is_the_only_other_origin(
    maps_app: Flask, client_for: Callable[[Role], FlaskClient], theme_id: int
) -> None:
    maps_app.config["TILE_URL"] = "https://tiles.example.org/{z}/{x}/{y}.png"
    _html, script, _document = views(client_for(Role.ANALYST), "blocks", "")
    assert set(re.findall(r"https?://[^/\"]+", script)) == {"https://tiles.example.org"}


def test_filters_reach_the_figures(client_for: Callable[[Role], FlaskClient], theme_id: int) -> None:
    client = client_for(Role.ADMIN)
    html, _script, document = views(client, "blocks", "source=conversation")
    assert document["features"] == []
    assert "Nothing matches these filters." in html
    _html, _script, document = views(client, "blocks", "since=2024-03-01&until=2024-03-31&line=explore")
    assert len(document["features"]) == 3  # type: ignore[arg-type]
    _html, _script, document = views(client, "blocks", "since=2025-01-01")
    assert document["features"] == []
    _html, _script, document = views(client, "blocks", "period=last_year")
    assert document["features"] == []  # the sources are of 2024


@pytest.mark.parametrize(
    "query",
    [
        "since=not-a-date",
        "theme=999999",
        "line=nowhere",
        "source=letter",
        "question=1/nothing",
        "answer=ja",
        "period=someday",
        "since=2024-05-01&until=2024-04-01",
    ],
)
def test_a_filter_value_that_is_not_a_choice_is_refused_in_words(
    client_for: Callable[[Role], FlaskClient], query: str
) -> None:
    client = client_for(Role.ANALYST)
    page = client.get(f"/bureau/maps/blocks?{query}")
    assert page.status_code == 422
    assert client.get(f"/bureau/maps/blocks.geojson?{query}").status_code == 422
    assert client.get(f"/bureau/maps/areas?{query}").status_code == 422


def test_questions_and_answers_are_chosen_by_their_words(
    client_for: Callable[[Role], FlaskClient], theme_id: int
) -> None:
    client = client_for(Role.ANALYST)
    html = client.get("/bureau/maps/blocks").get_data(as_text=True)
    options = dict(re.findall(r'<option value="(\d+/[a-z_0-9]+)">([^<]*)</option>', html))
    assert options and all(text and text != value.split("/")[1] for value, text in options.items())
    assert "<optgroup" in html
    health = next(value for value in options if value.endswith("/health"))
    chosen = client.get(f"/bureau/maps/blocks?question={health}").get_data(as_text=True)
    answers = re.search(r'<select[^>]*id="answer"[^>]*>(.*?)</select>', chosen, re.DOTALL)
    assert answers is not None
    assert 'value="good"' in answers.group(1)
    assert client.get(f"/bureau/maps/blocks?question={health}&answer=good").status_code == 200


def test_the_theme_map_asks_for_a_theme_first(client_for: Callable[[Role], FlaskClient]) -> None:
    page = client_for(Role.ANALYST).get("/bureau/maps/themes")
    assert page.status_code == 200
    assert "Choose a theme" in page.get_data(as_text=True)
    assert client_for(Role.ANALYST).get("/bureau/maps/themes.geojson").status_code == 404
    assert client_for(Role.ANALYST).get("/bureau/maps/script/other.js").status_code == 404


def test_a_geojson_export_is_audited_with_its_suppression(
    maps_app: Flask, client_for: Callable[[Role], FlaskClient]
) -> None:
    assert client_for(Role.ANALYST).get("/bureau/maps/blocks.geojson").status_code == 200
    with maps_app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "map.exported")).one()
        assert event.actor_id is not None
        assert event.details == {"format": "geojson", "threshold": 5, "suppressed": True, "map": "blocks"}


def test_the_map_form_offers_the_tones_and_refuses_another(client_for: Callable[[Role], FlaskClient]) -> None:
    client = client_for(Role.ANALYST)
    html = client.get("/bureau/maps/themes").get_data(as_text=True)
    for tone in ("praise", "complaint", "neutral"):
        assert f'<option value="{tone}">' in html
    assert client.get("/bureau/maps/blocks?tone=praise").status_code == 200
    assert client.get("/bureau/maps/blocks?tone=angry").status_code == 422
