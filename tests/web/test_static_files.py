"""Static files under addresses that name their content, kept for a year; answers compressed by the app."""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import brotli
from flask import Flask
from flask.testing import FlaskClient

STATIC = Path(__file__).resolve().parents[2] / "participation" / "static"
STYLESHEET = re.compile(r'href="(/static/([0-9a-f]{12})/css/main\.css)"')


def test_pages_link_the_stylesheet_by_its_content_hash(client: FlaskClient) -> None:
    html = client.get("/nl/").get_data(as_text=True)
    found = STYLESHEET.search(html)
    assert found, "the layout links main.css under a fingerprinted address"
    assert found.group(2) == hashlib.sha256((STATIC / "css" / "main.css").read_bytes()).hexdigest()[:12]


def test_a_fingerprinted_file_is_kept_for_a_year(client: FlaskClient) -> None:
    address = STYLESHEET.search(client.get("/nl/").get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    with client.get(address) as response:
        assert response.status_code == 200
        assert response.get_data() == (STATIC / "css" / "main.css").read_bytes()
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.cache_control.immutable and response.cache_control.public


def test_an_outdated_fingerprint_gets_the_current_file_without_the_long_cache(client: FlaskClient) -> None:
    with client.get("/static/000000000000/css/main.css") as response:
        assert response.status_code == 200
        assert response.get_data() == (STATIC / "css" / "main.css").read_bytes()
    assert response.cache_control.no_cache and not response.cache_control.immutable


def test_names_outside_the_folder_or_missing_are_not_found(client: FlaskClient) -> None:
    for address in (
        "/static/000000000000/../../config.py",
        "/static/000000000000/%2e%2e/__init__.py",
        "/static/000000000000/css/nothing.css",
        "/static/000000000000/css",
    ):
        assert client.get(address).status_code == 404, address


def test_pages_and_files_are_compressed_as_the_browser_accepts(client: FlaskClient) -> None:
    plain = client.get("/nl/").get_data()
    zipped = client.get("/nl/", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert len(zipped.get_data()) < len(plain) / 2
    # The page carries a fresh CSRF token or nonce per request at most; its text is otherwise the same.
    assert gzip.decompress(zipped.get_data())[:200] == plain[:200]

    address = STYLESHEET.search(plain.decode()).group(1)  # type: ignore[union-attr]
    with client.get(address, headers={"Accept-Encoding": "br"}) as styles:
        assert styles.headers["Content-Encoding"] == "br"
        assert brotli.decompress(styles.get_data()) == (STATIC / "css" / "main.css").read_bytes()


def test_a_proxy_that_compresses_can_take_over(make_app: Callable[..., Flask]) -> None:
    app = make_app(COMPRESS=0)
    response = app.test_client().get("/nl/", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
