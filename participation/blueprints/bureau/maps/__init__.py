"""The bureau's map pages (analysts and admins): the block heat map, choropleths per wijk and buurt, the theme map,
each with a table of the same figures and a GeoJSON export."""

from flask import Blueprint

bp = Blueprint("maps", __name__, url_prefix="/bureau/maps", template_folder="templates")

from participation.blueprints.bureau.maps import routes  # noqa: E402,F401
