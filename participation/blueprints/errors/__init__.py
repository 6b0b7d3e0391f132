"""Error pages in the visitor's language, for every status the app sends on purpose."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from participation.extensions import db

ERROR_TEXTS = {
    400: (_l("Something went wrong with what was sent"), _l("Please go back, check what you filled in and try again.")),
    403: (_l("You may not see this page"), _l("Your account does not give access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist, or it has moved. Check the address.")),
    405: (_l("This does not work here"), _l("This page cannot be used in this way.")),
    429: (_l("Too many attempts"), _l("You tried too often in a short time. Wait a minute and try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you saved is lost. Please try again later.")),
}
CSRF_TEXT = _l("The form was open too long or was sent twice. Nothing was lost: please fill it in again and send it.")


def render_error(status: int, message: str | None = None) -> tuple[str, int]:
    """The error page for ``status``; statuses without their own text borrow the 4xx or 5xx one."""
    title, explanation = ERROR_TEXTS.get(status) or ERROR_TEXTS[500 if status >= 500 else 400]
    page = render_template("errors/error.html", status=status, title=title, explanation=message or explanation)
    return page, status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_error(400, str(CSRF_TEXT))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_error(error.code or 500)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int]:
        db.session.rollback()
        return render_error(500)
