"""Staff pages for the connect line and the contact register: places, activities and contacts, under ``/field``."""

from flask import Blueprint

bp = Blueprint("field_registers", __name__, url_prefix="/field", template_folder="templates")

# The views attach themselves to ``bp`` when imported, so they come after it.
from participation.blueprints.field.registers import activity_routes, contact_routes, place_routes  # noqa: E402

__all__ = ["activity_routes", "bp", "contact_routes", "place_routes"]
