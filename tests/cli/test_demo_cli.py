"""``flask demo load`` and ``flask demo clear`` on the command line: a summary, refusals, never in production."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from flask import Flask
from sqlalchemy import select

from participation.accounts.operations import create_staff_user
from participation.demo.registry import demo_loaded
from participation.extensions import db
from participation.models import Organisation, Role, StaffUser
from tests.factories import TEST_PASSWORD


def test_load_prints_a_summary_refuses_a_second_load_and_clear_removes_it(loaded_app: Flask) -> None:
    runner = loaded_app.test_cli_runner()
    loaded = runner.invoke(args=["demo", "load", "--seed", "3", "--scale", "0.03", "--year", "2025"])
    assert loaded.exit_code == 0, loaded.output
    assert "survey_response 90" in loaded.output
    with loaded_app.app_context():
        assert demo_loaded(db.session)
    again = runner.invoke(args=["demo", "load", "--scale", "0.03", "--year", "2025"])
    assert again.exit_code == 1
    assert "flask demo clear" in again.output
    cleared = runner.invoke(args=["demo", "clear"])
    assert cleared.exit_code == 0, cleared.output
    assert "survey_response 90" in cleared.output
    with loaded_app.app_context():
        assert not demo_loaded(db.session)


def test_both_commands_refuse_in_production(make_app: Callable[..., Flask]) -> None:
    app = make_app(ENV="production", SECRET_KEY=secrets.token_urlsafe(48))
    runner = app.test_cli_runner()
    for args in (["demo", "load"], ["demo", "clear"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 1
        assert "production" in result.output
    with app.app_context():
        assert not demo_loaded(db.session)


def test_clear_refuses_when_real_rows_point_at_demo_rows(loaded_app: Flask) -> None:
    runner = loaded_app.test_cli_runner()
    assert runner.invoke(args=["demo", "load", "--scale", "0.02", "--year", "2025"]).exit_code == 0
    with loaded_app.app_context():
        organisation = db.session.scalar(select(Organisation).where(Organisation.name.like("%(demo)")))
        assert organisation is not None
        create_staff_user(
            db.session, email="real@example.org", password=TEST_PASSWORD, role=Role.PROFESSIONAL,
            organisation=organisation,
        )  # fmt: skip
        db.session.commit()
    refused = runner.invoke(args=["demo", "clear"])
    assert refused.exit_code == 1
    assert "nothing was removed" in refused.output
    with loaded_app.app_context():
        assert demo_loaded(db.session)
        assert db.session.scalar(select(StaffUser.email).where(StaffUser.email == "real@example.org"))
