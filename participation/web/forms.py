"""Forms in the web layer: how a domain refusal is shown on the form it is about."""

from __future__ import annotations

from flask_wtf import FlaskForm

from participation.domain.coded_errors import CodedError


def show_refusal(form: FlaskForm, error: CodedError) -> None:
    """Put a domain refusal next to the field it is about, or above the form when the form has no such field."""
    field = form._fields.get(error.field)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
