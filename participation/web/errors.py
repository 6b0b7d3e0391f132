"""Errors in the visitor's language, for every status the app sends on purpose: an HTML page for people, and
``application/problem+json`` (RFC 9457) for machines (everything under ``/api/``, and requests that sent JSON)."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify, make_response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from participation.domain.coded_errors import CodedError
from participation.web.transactions import discard

PROBLEM_JSON = "application/problem+json"
ERROR_TEXTS = {
    400: (_l("Something went wrong with what was sent"), _l("Please go back, check what you filled in and try again.")),
    403: (_l("You may not see this page"), _l("Your account does not give access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist, or it has moved. Check the address.")),
    405: (_l("This does not work here"), _l("This page cannot be used in this way.")),
    422: (_l("This cannot be used"), _l("Some of what was sent cannot be used. Check it and send it again.")),
    429: (_l("Too many attempts"), _l("You tried too often in a short time. Wait a minute and try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you saved is lost. Please try again later.")),
    503: (_l("Temporarily unavailable"), _l("We cannot reach our data right now. Please try again in a few minutes.")),
}
CSRF_TEXT = _l("The form was open too long or was sent twice. Nothing was lost: please fill it in again and send it.")
# Headers an HTTP error carries that the answer must keep (Allow with a 405, Retry-After with a 429 or 503).
KEPT_HEADERS = frozenset(("allow", "retry-after", "www-authenticate"))


def _texts(status: int) -> tuple[Any, Any]:
    """Title and explanation of a status; statuses without their own text borrow the 4xx or 5xx one."""
    return ERROR_TEXTS.get(status) or ERROR_TEXTS[500 if status >= 500 else 400]


def render_error(status: int, message: str | None = None) -> tuple[str, int]:
    """The error page for ``status``."""
    title, explanation = _texts(status)
    page = render_template("errors/error.html", status=status, title=title, explanation=message or explanation)
    return page, status


def wants_json() -> bool:
    """Whether the request came from a program: the API, or a client that sent JSON (the field outbox)."""
    return request.path.startswith("/api/") or request.is_json


def problem(status: int, detail: str | None = None, **extensions: Any) -> Response:
    """A problem document (RFC 9457) in the visitor's language; ``extensions`` add members such as ``errors``."""
    title, explanation = _texts(status)
    body = {"type": "about:blank", "title": str(title), "status": status, "detail": detail or str(explanation)}
    response = make_response(jsonify({**body, **extensions}), status)
    response.mimetype = PROBLEM_JSON
    return response


def unprocessable(*refusals: CodedError) -> Response:
    """A 422 problem document whose ``errors`` member says, per field (a question id or a part of the request),
    what the domain refused: each single-field refusal's code, parameters and message."""
    fields = {part.field: part.to_dict() for refusal in refusals for part in refusal.refusals}
    return problem(422, None, errors=fields)


def error_response(status: int, message: str | None = None) -> ResponseReturnValue:
    """The refusal in the form the client reads: a problem document for programs, else the error page."""
    return problem(status, message) if wants_json() else render_error(status, message)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> ResponseReturnValue:
        return error_response(400, str(CSRF_TEXT))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        response = make_response(error_response(error.code or 500))
        for name, value in error.get_headers():
            if name.lower() in KEPT_HEADERS:
                response.headers[name] = value
        return response

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> ResponseReturnValue:
        discard()  # before the page is rendered, which may read the database (the signed-in user)
        return error_response(500)

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError) -> ResponseReturnValue:
        # The database is down, unreachable or refused the connection: a passing state, not a bug of ours.
        current_app.logger.error("database unavailable: %s", error)
        discard()
        return error_response(503)
