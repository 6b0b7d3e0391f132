"""The one commit point of a request: what a view flushed is kept only when its answer is below 400."""

from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import func, select

from participation.accounts.operations import ensure_organisation
from participation.extensions import db
from participation.models import Organisation
from participation.web.transactions import commit_now


class ViewFailed(Exception):
    pass


def _app_with_writing_views(make_app: Callable[..., Flask]) -> Flask:
    """An app with test views that each flush a new organisation and then answer in their own way."""
    app = make_app()

    def answer(status: int) -> tuple[str, int]:
        ensure_organisation(db.session, f"Answered {status}")
        return "done", status

    def refuse_but_keep() -> tuple[str, int]:
        ensure_organisation(db.session, "Kept on purpose")
        commit_now()
        ensure_organisation(db.session, "Written after the keep")
        return "refused", 400

    def fail() -> str:
        ensure_organisation(db.session, "Written before the failure")
        raise ViewFailed

    app.add_url_rule("/_test/answer/<int:status>", "test_answer", answer)
    app.add_url_rule("/_test/keep", "test_keep", refuse_but_keep)
    app.add_url_rule("/_test/fail", "test_fail", fail)
    return app


def _organisations(app: Flask) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Organisation.name)))


@pytest.mark.parametrize("status", [200, 201, 302, 303])
def test_an_answer_below_400_commits_what_the_view_flushed(make_app: Callable[..., Flask], status: int) -> None:
    app = _app_with_writing_views(make_app)
    assert app.test_client().get(f"/_test/answer/{status}").status_code == status
    assert f"Answered {status}" in _organisations(app)


@pytest.mark.parametrize("status", [400, 403, 404, 422, 503])
def test_a_refusal_or_error_answer_keeps_nothing(make_app: Callable[..., Flask], status: int) -> None:
    app = _app_with_writing_views(make_app)
    assert app.test_client().get(f"/_test/answer/{status}").status_code == status
    assert f"Answered {status}" not in _organisations(app)


def test_commit_now_keeps_what_was_written_before_it_and_nothing_after(make_app: Callable[..., Flask]) -> None:
    app = _app_with_writing_views(make_app)
    assert app.test_client().get("/_test/keep").status_code == 400
    names = _organisations(app)
    assert "Kept on purpose" in names
    assert "Written after the keep" not in names


def test_an_exception_from_the_view_keeps_nothing(make_app: Callable[..., Flask]) -> None:
    app = _app_with_writing_views(make_app)
    with pytest.raises(ViewFailed):
        app.test_client().get("/_test/fail")  # testing apps propagate the exception instead of answering 500
    assert "Written before the failure" not in _organisations(app)


def test_an_exception_answered_with_500_keeps_nothing(make_app: Callable[..., Flask]) -> None:
    app = _app_with_writing_views(make_app)
    app.testing = False
    assert app.test_client().get("/_test/fail").status_code == 500
    assert "Written before the failure" not in _organisations(app)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0
