"""Forms in the web layer: how a domain refusal is shown on the form it is about."""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm

from participation.domain.coded_errors import CodedError


def show_refusal(form: FlaskForm, error: CodedError, fields: Mapping[str, str] | None = None) -> None:
    """Put each part of a domain refusal next to the field it is about (``fields`` maps a domain field to the form's
    field where their names differ), or above the form when the form has no such field."""
    for refusal in error.refusals:
        name = (fields or {}).get(refusal.field, refusal.field)
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, refusal.message]
        else:
            form.form_errors.append(refusal.message)
