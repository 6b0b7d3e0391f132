from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient


def test_not_found_page_is_translated(client: FlaskClient) -> None:
    client.set_cookie("lang", "nl")
    dutch = client.get("/does/not/exist")
    client.set_cookie("lang", "en")
    english = client.get("/does/not/exist")
    assert dutch.status_code == english.status_code == 404
    assert "Page not found" in english.get_data(as_text=True)
    assert "Page not found" not in dutch.get_data(as_text=True)


def test_server_error_page_is_translated_and_keeps_the_layout(make_app: Callable[..., Flask]) -> None:
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("a bug")

    client = app.test_client()
    client.set_cookie("lang", "ar")
    response = client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "a bug" not in page


def test_method_not_allowed_gets_a_page(client: FlaskClient) -> None:
    response = client.get("/logout")
    assert response.status_code == 405
    assert "<main" in response.get_data(as_text=True)
