"""Which disclosure policy a request's viewer gets: the web side of ``DisclosurePolicy.for_viewer``."""

from __future__ import annotations

from flask import current_app
from flask_login import current_user

from participation.disclosure import DisclosurePolicy


def viewer_disclosure() -> DisclosurePolicy:
    """The disclosure policy of the signed-in staff member (a resident's when nobody is signed in)."""
    role = current_user.role if current_user.is_authenticated else None
    return DisclosurePolicy.for_viewer(role, current_app.config)


def public_disclosure() -> DisclosurePolicy:
    """The disclosure policy of a public page: a resident's, whoever is signed in."""
    return DisclosurePolicy.for_viewer(None, current_app.config)
