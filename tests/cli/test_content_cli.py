from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Buurt, FocusArea, Wijk


def test_content_load_brings_the_dordrecht_areas_and_is_idempotent(app: Flask, runner: FlaskCliRunner) -> None:
    first = runner.invoke(args=["content", "load"])
    assert first.exit_code == 0, first.output
    assert "13 wijken, 132 buurten, 24 in Dordt West" in first.output
    assert "146 created, 0 updated" in first.output  # 13 + 132 + the focus area

    second = runner.invoke(args=["content", "load"])
    assert second.exit_code == 0, second.output
    assert "0 created, 0 updated" in second.output

    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Wijk)) == 13
        assert db.session.scalar(select(func.count()).select_from(Buurt)) == 132
        in_focus = db.session.scalars(select(Buurt.code).where(Buurt.in_focus_area)).all()
        assert len(in_focus) == 24
        assert "BU05050300" in in_focus  # Oud Krispijn belongs to the core of Dordt West
        focus = db.session.scalar(select(FocusArea))
        assert focus is not None and focus.definition == "kern" and focus.boundary_year == 2024


def test_changing_the_focus_area_setting_updates_the_flags(make_app, runner: FlaskCliRunner) -> None:  # type: ignore[no-untyped-def]
    assert runner.invoke(args=["content", "load"]).exit_code == 0
    wide = make_app(FOCUS_AREA="ruim")
    result = wide.test_cli_runner().invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    assert "30 in Dordt West" in result.output
    assert "0 created, 7 updated" in result.output  # six buurten join, and the focus area's definition changes


def test_content_load_explains_a_bad_focus_area_setting(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(FOCUS_AREA="BU99999999")
    result = app.test_cli_runner().invoke(args=["content", "load"])
    assert result.exit_code == 1
    assert "BU99999999" in result.output


def test_bureau_overview_lists_the_loaded_wijken(app: Flask, runner: FlaskCliRunner, client, signed_in) -> None:  # type: ignore[no-untyped-def]
    from participation.models import Role

    runner.invoke(args=["content", "load"])
    signed_in(Role.ANALYST)
    page = client.get("/bureau/").get_data(as_text=True)
    assert "WK050503" in page
    assert page.count("<tr>") == 14  # a header row and 13 wijken
