import re

import pytest
from flask.testing import FlaskClient

from participation.i18n import describe

LANGUAGES = ["nl", "en", "tr", "ar", "pl", "bg"]


def html_tag(client: FlaskClient, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r"<html[^>]*>", page)
    assert match, page[:200]
    return match.group(0)


def test_arabic_pages_are_right_to_left(client: FlaskClient) -> None:
    assert html_tag(client, "/ar/") == '<html lang="ar" dir="rtl">'


@pytest.mark.parametrize("code", ["nl", "en", "tr", "pl", "bg"])
def test_other_languages_are_left_to_right(client: FlaskClient, code: str) -> None:
    assert html_tag(client, f"/{code}/") == f'<html lang="{code}" dir="ltr">'


def test_text_direction_comes_from_the_locale_so_new_languages_need_no_code() -> None:
    assert describe("fa").direction == "rtl"
    assert describe("so").direction == "ltr"
    assert describe("tr").native_name == "Türkçe"


def test_pages_are_translated(client: FlaskClient) -> None:
    dutch = client.get("/nl/").get_data(as_text=True)
    english = client.get("/en/").get_data(as_text=True)
    assert "Have your say about your neighbourhood" in english
    assert "Have your say about your neighbourhood" not in dutch


def test_root_follows_the_language_cookie_first(client: FlaskClient) -> None:
    client.set_cookie("lang", "pl")
    response = client.get("/", headers={"Accept-Language": "tr"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/pl/"


def test_root_follows_accept_language_without_a_cookie(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "fr;q=1, ar;q=0.8, en;q=0.5"})
    assert response.headers["Location"] == "/ar/"


def test_root_falls_back_to_dutch(client: FlaskClient) -> None:
    assert client.get("/", headers={"Accept-Language": "fr"}).headers["Location"] == "/nl/"


def test_visiting_a_language_remembers_it(client: FlaskClient) -> None:
    client.get("/bg/privacy")
    assert client.get("/").headers["Location"] == "/bg/"


def test_unknown_language_is_not_found(client: FlaskClient) -> None:
    assert client.get("/xx/").status_code == 404
    assert client.get("/de/privacy").status_code == 404


def test_language_switcher_keeps_the_page(client: FlaskClient) -> None:
    page = client.get("/tr/privacy").get_data(as_text=True)
    for code in LANGUAGES:
        assert f'href="/{code}/privacy" lang="{code}" hreflang="{code}"' in page
    assert 'href="/tr/privacy" lang="tr" hreflang="tr" aria-current="true"' in page


def test_language_switcher_on_pages_without_a_language_prefix(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/language/ar?next=%2Flogin"' in page
    response = client.get("/language/ar?next=/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert html_tag(client, "/login") == '<html lang="ar" dir="rtl">'


def test_language_switch_never_redirects_to_another_site(client: FlaskClient) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.get("/language/en", query_string={"next": target})
        assert response.headers["Location"] == "/en/"


def test_a_new_language_is_a_catalog_plus_a_setting(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(LANGUAGES=["nl", "en"])
    client = app.test_client()
    assert client.get("/en/").status_code == 200
    assert client.get("/tr/").status_code == 404
