"""``flask demo load`` and ``flask demo clear`` on the command line: a summary, refusals, never in production."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from flask import Flask

from participation.demo.registry import demo_loaded
from participation.extensions import db


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
