from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Role, StaffUser
from tests.factories import TEST_PASSWORD, StaffAccount, sign_in

WRONG_CREDENTIALS = "The e-mail address or password is not correct."


def english(client: FlaskClient) -> FlaskClient:
    client.set_cookie("lang", "en")
    return client


def test_staff_sign_in_and_reach_their_start_page(client: FlaskClient, make_staff: Callable[..., StaffAccount]) -> None:
    user = make_staff(Role.PROFESSIONAL)
    response = client.post("/login?next=/staff/", data={"email": user.email.upper(), "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/"
    assert user.email in client.get("/staff/").get_data(as_text=True)


def test_unknown_user_and_wrong_password_get_the_same_message(
    client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    user = make_staff(Role.ANALYST)
    english(client)
    wrong_password = client.post("/login", data={"email": user.email, "password": "not the password"})
    unknown_user = client.post("/login", data={"email": "nobody@example.org", "password": TEST_PASSWORD})
    assert wrong_password.status_code == unknown_user.status_code == 400
    assert WRONG_CREDENTIALS in wrong_password.get_data(as_text=True)
    assert WRONG_CREDENTIALS in unknown_user.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_login_is_rate_limited_with_a_translated_page(
    make_app: Callable[..., Flask], make_staff: Callable[..., StaffAccount]
) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    user = make_staff(Role.PROFESSIONAL)
    client = english(app.test_client())
    statuses = [client.post("/login", data={"email": user.email, "password": "wrong"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    blocked = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)


def test_anonymous_visitors_to_staff_pages_go_to_the_login_page(client: FlaskClient) -> None:
    for url in ("/staff/", "/bureau/", "/admin/users", "/admin/audit", "/account/password"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login?next="), url


def test_a_professional_gets_403_on_analyst_and_admin_pages(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    assert client.get("/staff/").status_code == 200
    assert client.get("/bureau/").status_code == 403
    assert client.get("/admin/users").status_code == 403


def test_an_analyst_reaches_the_bureau_but_not_administration(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ANALYST)
    assert client.get("/bureau/").status_code == 200
    assert client.get("/admin/audit").status_code == 403


def test_an_admin_creates_an_account_and_it_is_audited(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    admin = signed_in(Role.ADMIN)
    response = client.post(
        "/admin/users",
        data={
            "email": "wijkagent@example.org",
            "role": "professional",
            "organisation": "Politie Dordrecht",
            "password": "a long enough first password",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalar(select(StaffUser).where(StaffUser.email == "wijkagent@example.org"))
        assert created is not None
        assert created.role is Role.PROFESSIONAL
        assert created.organisation.name == "Politie Dordrecht"
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "staff_user.created").order_by(AuditEvent.id.desc())
        )
        assert event is not None and event.actor_id == admin.id and event.subject_id == str(created.id)
    assert "wijkagent@example.org" in client.get("/admin/users").get_data(as_text=True)


def test_creating_a_duplicate_account_is_a_clear_400(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    admin = signed_in(Role.ADMIN)
    english(client)
    response = client.post(
        "/admin/users",
        data={"email": admin.email, "role": "admin", "organisation": "X", "password": "a long enough first password"},
    )
    assert response.status_code == 400
    assert "has an account already" in response.get_data(as_text=True)


def test_logout_needs_a_post(client: FlaskClient, signed_in: Callable[[Role], StaffAccount]) -> None:
    signed_in(Role.PROFESSIONAL)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/staff/").status_code == 302


def test_changing_the_password_ends_other_sessions(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    user = make_staff(Role.ANALYST)
    other_device = app.test_client()
    sign_in(client, user)
    sign_in(other_device, user)
    response = client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "a brand new long password",
            "repeat_password": "a brand new long password",
        },
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert other_device.get("/staff/").status_code == 302
    fresh = app.test_client()
    sign_in(fresh, user, "a brand new long password")


def test_password_change_with_a_wrong_current_password_is_refused(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    english(client)
    response = client.post(
        "/account/password",
        data={"current_password": "wrong", "new_password": "x" * 20, "repeat_password": "x" * 20},
    )
    assert response.status_code == 400
    assert "Your current password is not correct." in response.get_data(as_text=True)


def test_failed_and_successful_logins_are_audited(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    user = make_staff(Role.PROFESSIONAL)
    client.post("/login", data={"email": user.email, "password": "wrong"})
    sign_in(client, user)
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_id == str(user.id)).order_by(AuditEvent.id)
        ).all()
    assert actions == ["staff_user.created", "login.failed", "login.succeeded"]


def test_a_guessable_new_password_is_refused_with_the_reason(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    user = signed_in(Role.PROFESSIONAL)
    english(client)
    for guessable, reason in (
        ("password12345", "one of the most used passwords"),
        ("dordrecht2024", "the name of this site"),
        (user.email, "built on your e-mail address"),
    ):
        response = client.post(
            "/account/password",
            data={"current_password": TEST_PASSWORD, "new_password": guessable, "repeat_password": guessable},
        )
        assert response.status_code == 400, guessable
        assert reason in response.get_data(as_text=True), guessable
    assert client.get("/staff/").status_code == 200  # a refused change leaves the session alone
    sign_in(app.test_client(), user)  # and the password


def test_an_admin_cannot_give_a_new_account_a_guessable_password(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.ADMIN)
    english(client)
    response = client.post(
        "/admin/users",
        data={
            "email": "wijkagent@example.org",
            "role": "professional",
            "organisation": "Politie",
            "password": "Politie2024!",
        },
    )
    assert response.status_code == 400
    assert "your organisation" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(StaffUser).where(StaffUser.email == "wijkagent@example.org")) is None
