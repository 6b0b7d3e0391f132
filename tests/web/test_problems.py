"""The one function that turns domain refusals into the ``errors`` member of a 422 problem document."""

from __future__ import annotations

from flask import Flask

from participation.blueprints.machines.api.problems import ApiRequestError
from participation.responses.submission import SubmissionRejected
from participation.surveys.errors import AnswerError
from participation.web.errors import PROBLEM_JSON, unprocessable


def test_each_refused_field_gets_its_code_parameters_and_message(app: Flask) -> None:
    rejected = SubmissionRejected(
        {"age": AnswerError("too_large", {"maximum": 120}), "health": AnswerError("not_a_choice")}
    )
    with app.test_request_context("/api/v1/surveys/x/responses", headers={"Accept-Language": "en"}):
        response = unprocessable(ApiRequestError("campaign", "not_text"), rejected)
    assert response.status_code == 422 and response.mimetype == PROBLEM_JSON
    errors = response.get_json()["errors"]
    assert set(errors) == {"campaign", "age", "health"}
    assert errors["age"] == {
        "code": "too_large",
        "params": {"maximum": 120},
        "message": "Please give a number of at most 120.",
    }
    assert errors["campaign"]["message"] == "Send this as text, or leave it out."
