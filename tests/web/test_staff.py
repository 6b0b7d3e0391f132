"""``current_staff()``: the signed-in staff member as a model, and 401 for a request without one."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from participation.models import Role, StaffUser
from participation.web.staff import current_staff
from tests.factories import StaffAccount


def _probe(app: Flask) -> None:
    def who() -> str:
        staff = current_staff()
        assert type(staff) is StaffUser  # the model itself, not Flask-Login's proxy
        return f"{staff.id} {staff.email}"

    app.add_url_rule("/staff-probe", "staff_probe", who)


def test_the_signed_in_staff_member_is_the_model(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    _probe(app)
    account = signed_in(Role.ANALYST)
    assert client.get("/staff-probe").get_data(as_text=True) == f"{account.id} {account.email}"


def test_nobody_signed_in_gets_401(app: Flask, client: FlaskClient) -> None:
    _probe(app)
    assert client.get("/staff-probe").status_code == 401
