"""Staff sessions end on the server: a copy of the cookie opens nothing after sign-out, the idle timeout, the
absolute lifetime, a password change or deactivation. The clock is moved, not waited for."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_login.utils import encode_cookie
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Role, StaffUser, utcnow
from tests.factories import TEST_PASSWORD, StaffAccount, sign_in


class Clock:
    """Stands in for the sessions' clock; ``advance`` moves it."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock()
    monkeypatch.setattr("participation.accounts.sessions.utcnow", frozen)
    return frozen


def assert_login_page(client: FlaskClient, url: str = "/staff/") -> None:
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    assert response.headers["Location"].startswith("/login?next="), response.headers["Location"]


def replay(app: Flask, cookie: str) -> FlaskClient:
    """A second browser holding a copy of a session cookie."""
    copy = app.test_client()
    copy.set_cookie("session", cookie)
    return copy


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_a_session_cookie_replayed_after_sign_out_gets_the_login_page(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    cookie = session_cookie(client)
    assert replay(app, cookie).get("/staff/").status_code == 200  # the copy works while the session lives
    assert client.post("/logout").status_code == 302
    assert_login_page(replay(app, cookie))
    assert_login_page(client)


def test_signing_out_on_one_device_leaves_the_other_signed_in(
    app: Flask, make_staff: Callable[..., StaffAccount]
) -> None:
    user = make_staff(Role.ANALYST)
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, user)
    sign_in(phone, user)
    laptop.post("/logout")
    assert_login_page(laptop)
    assert phone.get("/staff/").status_code == 200


def test_a_remember_me_cookie_does_not_open_a_session_after_sign_out(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    user = signed_in(Role.PROFESSIONAL)
    cookie = session_cookie(client)
    client.post("/logout")
    with app.test_request_context():
        remember = encode_cookie(str(user.id))  # what Flask-Login would have set with remember=True
    stolen = replay(app, cookie)
    stolen.set_cookie("remember_token", remember)
    assert_login_page(stolen)
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember)
    assert_login_page(fresh)


def test_the_session_ends_after_thirty_idle_minutes(
    clock: Clock, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    clock.advance(minutes=29)
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=29)  # idle time counts from the last request
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=30)
    assert_login_page(client)
    assert_login_page(client, "/account/password")


def test_the_idle_timeout_is_a_setting(
    clock: Clock, make_app: Callable[..., Flask], make_staff: Callable[..., StaffAccount]
) -> None:
    app = make_app(SESSION_IDLE_MINUTES=5)
    client = app.test_client()
    sign_in(client, make_staff(Role.PROFESSIONAL))
    clock.advance(minutes=4)
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=6)
    assert_login_page(client)


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(
    clock: Clock, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    for _ in range(35):  # a request every 20 minutes, up to 11 h 40
        clock.advance(minutes=20)
        assert client.get("/staff/").status_code == 200
    clock.advance(minutes=20)
    assert_login_page(client)


def test_the_absolute_lifetime_is_a_setting(
    clock: Clock, make_app: Callable[..., Flask], make_staff: Callable[..., StaffAccount]
) -> None:
    app = make_app(SESSION_MAX_HOURS=1)
    client = app.test_client()
    sign_in(client, make_staff(Role.PROFESSIONAL))
    clock.advance(minutes=25)
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=25)
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=10)
    assert_login_page(client)


def test_a_password_change_ends_every_copy_of_the_old_session(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    before = session_cookie(client)
    response = client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "kraanvogel lantaarn schuifdeur",
            "repeat_password": "kraanvogel lantaarn schuifdeur",
        },
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200  # this browser got a new session
    assert_login_page(replay(app, before))


def english(client: FlaskClient) -> FlaskClient:
    client.set_cookie("lang", "en")
    return client


def test_an_admin_deactivating_an_account_ends_its_sessions(
    app: Flask, make_staff: Callable[..., StaffAccount]
) -> None:
    user = make_staff(Role.PROFESSIONAL)
    admin = make_staff(Role.ADMIN)
    user_browser, admin_browser = app.test_client(), english(app.test_client())
    sign_in(user_browser, user)
    sign_in(admin_browser, admin)
    assert user_browser.get("/staff/").status_code == 200

    response = admin_browser.post(f"/admin/users/{user.id}/active", data={"active": "0"})
    assert response.status_code == 302
    assert_login_page(user_browser)
    assert app.test_client().post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 400
    page = admin_browser.get("/admin/users").get_data(as_text=True)
    assert "Deactivated" in page and f"Reactivate {user.email}" in page

    assert admin_browser.post(f"/admin/users/{user.id}/active", data={"active": "1"}).status_code == 302
    sign_in(user_browser, user)
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.subject_id == str(user.id), AuditEvent.action.like("staff_user.%"))
            .order_by(AuditEvent.id)
        ).all()
        assert actions == ["staff_user.created", "staff_user.deactivated", "staff_user.activated"]


def test_an_admin_cannot_deactivate_their_own_account(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    admin = signed_in(Role.ADMIN)
    english(client)
    response = client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert response.status_code == 400
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    assert client.get("/admin/users").status_code == 200
    with app.app_context():
        assert db.session.get_one(StaffUser, admin.id).active


def test_the_account_status_route_refuses_bad_requests(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount], make_staff: Callable[..., StaffAccount]
) -> None:
    other = make_staff(Role.PROFESSIONAL)
    signed_in(Role.ADMIN)
    assert client.post(f"/admin/users/{other.id}/active", data={"active": "maybe"}).status_code == 400
    assert client.post("/admin/users/999999/active", data={"active": "0"}).status_code == 404


def test_only_admins_deactivate_accounts(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount], make_staff: Callable[..., StaffAccount]
) -> None:
    other = make_staff(Role.PROFESSIONAL)
    signed_in(Role.ANALYST)
    assert client.post(f"/admin/users/{other.id}/active", data={"active": "0"}).status_code == 403
