"""Small request helpers shared by blueprints."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm

from participation.coded_errors import CodedError


def safe_local_path(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site, else ``fallback``: never redirect to another host."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target


def show_refusal(form: FlaskForm, error: CodedError) -> None:
    """Put a domain refusal next to the field it is about, or above the form when the form has no such field."""
    field = form._fields.get(error.field)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
