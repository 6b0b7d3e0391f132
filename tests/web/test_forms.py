"""One helper puts a domain refusal, of one field or of several, on the form it is about."""

from __future__ import annotations

from flask import Flask
from flask_wtf import FlaskForm
from wtforms import StringField

from participation.fieldwork.errors import InvalidRecord, RecordError
from participation.responses.submission import SubmissionRejected
from participation.surveys.errors import AnswerError
from participation.web.forms import show_refusal


class _Form(FlaskForm):
    name = StringField()
    buurt = StringField()


def test_each_refused_field_gets_its_message_and_an_unknown_field_goes_above_the_form(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        form = _Form(meta={"csrf": False})
        show_refusal(
            form,
            InvalidRecord({"name": "required", "location": "required", "kind": "invalid_choice"}),
            {"location": "buurt"},
        )
        assert form.name.errors == ["Fill this in."]
        assert form.buurt.errors == ["Fill this in."]
        assert form.form_errors == ["Choose one of the options."]


def test_a_single_refusal_is_its_own_only_part(app: Flask) -> None:
    refusal = RecordError("name", "too_long")
    assert refusal.refusals == [refusal]
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        form = _Form(meta={"csrf": False})
        show_refusal(form, refusal)
        assert form.name.errors == ["This is too long."]
        assert form.form_errors == []


def test_refused_answers_go_each_to_their_question(app: Flask) -> None:
    rejected = SubmissionRejected({"name": AnswerError("required"), "age": AnswerError("too_large", {"maximum": 120})})
    assert [(part.field, part.code) for part in rejected.refusals] == [("name", "required"), ("age", "too_large")]
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        form = _Form(meta={"csrf": False})
        show_refusal(form, rejected)
        assert form.name.errors == ["Please answer this question."]
        assert form.form_errors == ["Please give a number of at most 120."]
