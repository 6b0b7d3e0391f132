from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from participation.models import Role
from tests.factories import PRODUCTION_SECRET_KEY, TEST_PASSWORD, StaffAccount


def test_every_page_sends_a_strict_content_security_policy(client: FlaskClient) -> None:
    for url in ("/nl/", "/login", "/nl/privacy", "/does-not-exist/"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_tile_server_is_the_only_other_origin_allowed_for_images(make_app: Callable[..., Flask]) -> None:
    app = make_app(TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png")
    policy = app.test_client().get("/nl/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tiles.example.org" in policy


def test_pages_have_no_inline_script_and_only_own_assets(client: FlaskClient) -> None:
    html = client.get("/nl/").get_data(as_text=True)
    assert "<script>" not in html
    assert "http://" not in html and "https://" not in html


def test_forms_are_refused_without_a_csrf_token(
    make_app: Callable[..., Flask], make_staff: Callable[..., StaffAccount]
) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    user = make_staff(Role.PROFESSIONAL)
    response = app.test_client().post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "Content-Security-Policy" in response.headers


def test_production_cookies_are_secure_httponly_and_samesite(make_app: Callable[..., Flask]) -> None:
    app = make_app(ENV="production", SECRET_KEY=PRODUCTION_SECRET_KEY, WTF_CSRF_ENABLED=True)
    response = app.test_client().get("/login", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Strict-Transport-Security" in response.headers


def test_production_sends_plain_http_to_https_except_the_health_check(make_app: Callable[..., Flask]) -> None:
    # Talisman never redirects in testing
    app = make_app(ENV="production", SECRET_KEY=PRODUCTION_SECRET_KEY, TESTING=False)
    client = app.test_client()
    redirect = client.get("/nl/", base_url="http://localhost")
    assert redirect.status_code == 302
    assert redirect.headers["Location"].startswith("https://localhost/nl/")
    assert client.get("/healthz", base_url="http://localhost").status_code == 200


def test_without_a_proxy_a_forwarded_https_header_does_not_stop_the_https_redirect(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app(ENV="production", SECRET_KEY=PRODUCTION_SECRET_KEY, TESTING=False, PROXY_HOPS=0)
    response = app.test_client().get(
        "/nl/", base_url="http://localhost", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("https://localhost/nl/")
    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_proxy_its_forwarded_https_header_is_believed(make_app: Callable[..., Flask]) -> None:
    app = make_app(ENV="production", SECRET_KEY=PRODUCTION_SECRET_KEY, TESTING=False, PROXY_HOPS=1)
    client = app.test_client()
    response = client.get("/nl/", base_url="http://localhost", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers
    plain = client.get("/nl/", base_url="http://localhost", headers={"X-Forwarded-Proto": "http"})
    assert plain.status_code == 302 and plain.headers["Location"].startswith("https://localhost/nl/")
