"""The conversation form without JavaScript: themes in closed pillar groups, the focus area's buurten first, the
shared age bands; and the buurt lookup behind "use my location"."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from participation.geo.app_geocoder import current_geocoder
from participation.models import Role
from participation.surveys.age_bands import band_codes
from tests.factories import StaffAccount


def test_the_form_groups_themes_by_pillar_and_lists_the_focus_area_first(
    client: FlaskClient, loaded_app: Flask, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    page = client.get("/field/conversations/new").get_data(as_text=True)
    assert len(re.findall(r"<details class=\"theme-group\" data-theme-group>", page)) == 5
    assert re.findall(r'name="age_bands" id="age-[^"]+" value="([^"]+)"', page) == list(band_codes())
    groups = re.findall(r'<optgroup label="([^"]+)">', page)
    assert groups[0] == loaded_app.config["FOCUS_AREA_NAME"] and len(groups) > 1
    assert "data-theme-search hidden" in page and 'data-locate data-url="/field/api/buurt" hidden' in page


def test_the_buurt_of_a_position(
    client: FlaskClient, loaded_app: Flask, signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    with loaded_app.app_context():
        buurt = current_geocoder().boundaries.buurten[0]
        point = current_geocoder().boundaries.buurt_polygons[0].representative_point()
    found = client.get(f"/field/api/buurt?lat={point.y}&lon={point.x}")
    assert found.status_code == 200 and found.json == {"buurt": buurt.code, "name": buurt.name}
    assert client.get("/field/api/buurt?lat=52.37&lon=4.89").status_code == 404  # Amsterdam
    assert client.get("/field/api/buurt?lat=nan&lon=4.6").status_code == 400
    assert client.get("/field/api/buurt?lat=here").status_code == 400
