"""Administration beyond creating accounts: a forced new password, the last sign-in, ``flask users list``, the
register of partner organisations, and an audit log with readable, filterable events."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.blueprints.admin.accounts.labels import AUDIT_EVENT_LABELS
from participation.extensions import db
from participation.models import AuditEvent, Organisation, Role, StaffUser
from tests.factories import TEST_PASSWORD, StaffAccount, sign_in

NEW_PASSWORD = "violet tram under the quiet harbour"
PACKAGE = Path(__file__).resolve().parents[3] / "participation"


def english(client: FlaskClient) -> FlaskClient:
    client.set_cookie("lang", "en")
    return client


def admin_client(app: Flask, make_staff: Callable[..., StaffAccount]) -> tuple[FlaskClient, StaffAccount]:
    admin = make_staff(Role.ADMIN)
    client = english(app.test_client())
    sign_in(client, admin)
    return client, admin


def test_a_forced_password_reset_ends_sessions_and_asks_for_a_new_password(
    app: Flask, make_staff: Callable[..., StaffAccount]
) -> None:
    user = make_staff(Role.PROFESSIONAL)
    admin_browser, admin = admin_client(app, make_staff)
    user_browser = english(app.test_client())
    sign_in(user_browser, user)
    assert user_browser.get("/field/").status_code == 200

    assert admin_browser.post(f"/admin/users/{user.id}/password-reset").status_code == 302
    assert "/login" in user_browser.get("/field/").headers["Location"]  # the session ended

    response = user_browser.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/account/password"
    # Nothing else opens until the password is changed.
    assert user_browser.get("/field/").headers["Location"] == "/account/password"
    assert user_browser.get("/account/password").status_code == 200
    changed = user_browser.post(
        "/account/password",
        data={"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD, "repeat_password": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert user_browser.get("/field/").status_code == 200
    with app.app_context():
        account = db.session.get(StaffUser, user.id)
        assert account is not None and not account.must_change_password
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_id == str(user.id)).order_by(AuditEvent.id)
        ).all()
        assert "staff_user.password_reset_forced" in actions and actions[-1] == "password.changed"
        forced = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "staff_user.password_reset_forced"))
        assert forced is not None and forced.actor_id == admin.id


def test_only_admins_force_a_password_reset(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    target = make_staff(Role.PROFESSIONAL)
    sign_in(client, make_staff(Role.ANALYST))
    assert client.post(f"/admin/users/{target.id}/password-reset").status_code == 403
    admin_browser, _admin = admin_client(app, make_staff)
    assert admin_browser.post("/admin/users/999999/password-reset").status_code == 404


def test_the_last_sign_in_is_stored_and_shown(app: Flask, make_staff: Callable[..., StaffAccount]) -> None:
    user = make_staff(Role.PROFESSIONAL)
    admin_browser, _admin = admin_client(app, make_staff)
    with app.app_context():
        assert db.session.get(StaffUser, user.id).last_login_at is None  # type: ignore[union-attr]
    page = admin_browser.get("/admin/users").get_data(as_text=True)
    assert re.search(rf"{re.escape(user.email)}</td>.*?<td>never</td>", page, re.S)
    sign_in(app.test_client(), user)
    with app.app_context():
        assert db.session.get(StaffUser, user.id).last_login_at is not None  # type: ignore[union-attr]
    page = admin_browser.get("/admin/users").get_data(as_text=True)
    assert not re.search(rf"{re.escape(user.email)}</td>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*<td>never</td>", page)


def test_flask_users_list_prints_a_table(app: Flask, make_staff: Callable[..., StaffAccount]) -> None:
    professional = make_staff(Role.PROFESSIONAL, organisation="Woonbron")
    analyst = make_staff(Role.ANALYST)
    sign_in(app.test_client(), analyst)
    with app.app_context():
        db.session.get(StaffUser, professional.id).active = False  # type: ignore[union-attr]
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["users", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["e-mail", "role", "organisation", "active", "last", "sign-in"]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert rows[professional.email][1:] == ["professional", "Woonbron", "no", "never"]
    assert rows[analyst.email][1:4] == ["analyst", "Gemeente", "Dordrecht"] and rows[analyst.email][4] == "yes"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", rows[analyst.email][5])


def test_the_audit_log_has_readable_labels_and_filters(app: Flask, make_staff: Callable[..., StaffAccount]) -> None:
    user = make_staff(Role.PROFESSIONAL)
    sign_in(app.test_client(), user)
    admin_browser, admin = admin_client(app, make_staff)

    page = admin_browser.get("/admin/audit").get_data(as_text=True)
    assert "Signed in" in page and "login.succeeded" not in page.split("<table>")[1]
    only_user = admin_browser.get(f"/admin/audit?user={user.id}&event=").get_data(as_text=True)
    table = only_user.split("<table>")[1]
    assert user.email in table and admin.email not in table
    created = admin_browser.get("/admin/audit?user=&event=staff_user.created").get_data(as_text=True)
    table = created.split("<table>")[1]
    assert "Account created" in table and "Signed in" not in table
    nothing = admin_browser.get(f"/admin/audit?user={admin.id}&event=staff_user.created")
    assert "No events match these filters." in nothing.get_data(as_text=True)
    assert admin_browser.get("/admin/audit?user=999999").status_code == 400

    dutch = app.test_client()
    sign_in(dutch, make_staff(Role.ADMIN))
    dutch.set_cookie("lang", "nl")
    assert dutch.get("/admin/audit?event=login.succeeded").status_code == 200


def test_every_recorded_kind_of_event_has_a_label() -> None:
    """The literal actions the code records (constants are imported by the labels module itself)."""
    recorded = set()
    for path in PACKAGE.rglob("*.py"):
        recorded |= set(re.findall(r"record\(\s*session,\s*\"([a-z_.]+)\"", path.read_text(encoding="utf-8")))
        recorded |= set(re.findall(r"\"(staff_user\.(?:activated|deactivated))\"", path.read_text(encoding="utf-8")))
    assert recorded and recorded <= set(AUDIT_EVENT_LABELS), sorted(recorded - set(AUDIT_EVENT_LABELS))


def test_admins_keep_the_register_of_partner_organisations(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    sign_in(client, make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht"))
    assert client.get("/admin/organisations").status_code == 403
    admin_browser, _admin = admin_client(app, make_staff)
    page = admin_browser.get("/admin/organisations").get_data(as_text=True)
    assert "Welzijn Dordrecht" in page and "Gemeente Dordrecht" in page

    assert admin_browser.post("/admin/organisations", data={"name": "  Stichting  Buurtwerk "}).status_code == 302
    duplicate = admin_browser.post("/admin/organisations", data={"name": "stichting buurtwerk"})
    assert duplicate.status_code == 400
    assert "An organisation with this name is in the register already." in duplicate.get_data(as_text=True)
    with app.app_context():
        added = db.session.scalar(select(Organisation).where(Organisation.name == "Stichting Buurtwerk"))
        assert added is not None and added.receives_follow_ups
        added_id = added.id
    assert "Stichting Buurtwerk" in client.get("/field/conversations/new").get_data(as_text=True)

    response = admin_browser.post(f"/admin/organisations/{added_id}/follow-ups", data={"receives": "0"})
    assert response.status_code == 302
    assert "Stichting Buurtwerk" not in client.get("/field/conversations/new").get_data(as_text=True)
    assert admin_browser.post(f"/admin/organisations/{added_id}/follow-ups", data={"receives": "x"}).status_code == 400
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_type == "organisation").order_by(AuditEvent.id)
        ).all()
        assert actions == ["organisation.created", "organisation.updated"]
