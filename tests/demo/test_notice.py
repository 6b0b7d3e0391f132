"""Every page says "demo data" while the demo year is loaded, and no page says it otherwise."""

from __future__ import annotations

from flask import Flask

from participation.demo.loader import clear
from participation.extensions import db
from tests.demo.helpers import load

NOTICE = 'id="demo-data-notice"'


def test_pages_show_the_notice_only_while_demo_data_is_loaded(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    assert NOTICE not in client.get("/nl/").get_data(as_text=True)
    load(loaded_app, scale=0.02)
    for path in ("/nl/", "/en/", "/login"):
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert NOTICE in page
        # Inside the main landmark, so that assistive technology finds it with the page's content.
        assert page.index("<main") < page.index(NOTICE) < page.index("</main>")
    with loaded_app.app_context():
        clear(db.session)
        db.session.commit()
    assert NOTICE not in client.get("/nl/").get_data(as_text=True)
