"""The one commit point of a request (Indico's rule).

Views call an operation, which only flushes, and then redirect, render or answer with a refusal. After the view the
web layer decides once for the whole request: an answer below 400 commits the request's database session, an answer
of 400 or more (a refused form, a 403, an error page) rolls it back, and so does an exception that escapes, so a
refusal never keeps half an operation. Views and operations do not call ``commit()`` or ``rollback()``.

``commit_now`` is the only other commit point, for the few writes that must stay whatever the answer will be.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from participation.extensions import db

# Below this status the request did what it was asked; from it on the answer is a refusal or an error.
FIRST_REFUSAL_STATUS = 400


def discard() -> None:
    """Drop what this request has flushed. With the database gone the rollback itself may fail: then the session
    is closed, which gives its connection back and forgets its objects."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.close()


def commit_now() -> None:
    """Keep what this request has written so far, whatever its answer will be.

    The only commit point besides the end of the request, for writes that must outlive a refusal: the audit event
    of a failed sign-in (answered with 400), the staff session resumed before the view runs, and the answers a
    resident saved on a survey page that is shown again for its errors."""
    db.session.commit()


def finish_transaction(response: Response) -> Response:
    """After the view: commit when the answer says the request succeeded, roll back when it was refused."""
    if response.status_code < FIRST_REFUSAL_STATUS:
        db.session.commit()
    else:
        discard()
    return response


def discard_after_exception(error: BaseException | None) -> None:
    """When the request ended in an exception no answer decided (the app propagates it, as in tests), roll back."""
    if error is not None:
        discard()


def configure_transactions(app: Flask) -> None:
    app.after_request(finish_transaction)
    app.teardown_request(discard_after_exception)
