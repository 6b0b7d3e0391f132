"""Staff pages for the connect line and the contact register: places, activities and contacts, under ``/field``."""

from flask import Blueprint

bp = Blueprint("field_registers", __name__, url_prefix="/field", template_folder="templates")

# The views attach themselves to ``bp`` when imported, so they come after it.
from participation.blueprints.field_registers import activity_views, contact_views, place_views  # noqa: E402

__all__ = ["activity_views", "bp", "contact_views", "place_views"]
