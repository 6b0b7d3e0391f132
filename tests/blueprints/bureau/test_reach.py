"""The bureau's reach page by campaign and channel, and the pillars page: names, not codes; hidden small counts;
the CSV through the download helper, audited."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, CampaignKind, IndicatorTarget, ResponseChannel, Role
from participation.models.themes import Pillar
from tests.blueprints.bureau.test_indicators import CODES, visible_text
from tests.factories import BUURT_A, BUURT_OTHER, MapSeeder, Seeder, StaffAccount


def seed(app: Flask) -> None:
    with app.app_context():
        seeder = Seeder(db.session)
        seeder.areas()
        posters = seeder.campaign("Posters Krispijn", CampaignKind.QR_AT_PLACE)
        flyers = seeder.campaign("Flyers", CampaignKind.FLYER)
        litter = seeder.theme("litter", pillar=Pillar.LIVEABLE_AND_SAFE, goals=(9,))
        for _ in range(12):
            seeder.response([litter], BUURT_A, campaign=posters)
        for _ in range(6):
            seeder.response([], BUURT_OTHER, campaign=flyers, channel=ResponseChannel.PAPER)
        for _ in range(2):
            seeder.response([], BUURT_OTHER, campaign=posters)
        db.session.commit()


def table(page: str, name: str) -> str:
    found = re.search(rf'id="{name}-caption".*?</table>', page, re.S)
    assert found is not None, name
    return found.group(0)


def test_reach_by_campaign_and_channel_by_name_with_small_counts_hidden(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    seed(app)
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    page = client.get("/bureau/reach").get_data(as_text=True)
    campaigns, channels = table(page, "campaigns"), table(page, "channels")
    assert "QR posters" in campaigns and "Flyers" in campaigns and "Oud Krispijn" in campaigns
    assert "Website" in channels and "Paper form" in channels
    assert ">20<" in campaigns and ">20<" in channels  # every response, the same in both tables
    assert ">2<" not in campaigns and "fewer than 5" in campaigns  # the two posters of Nieuw Krispijn
    # The 12 posters of Oud Krispijn and the 8 of Nieuw Krispijn would give the two away beside the 20 in all.
    assert ">12<" not in campaigns + channels and ">8<" not in campaigns + channels
    assert not CODES.search(visible_text(page)), CODES.search(visible_text(page))
    download = client.get("/bureau/reach/export.csv")
    assert download.status_code == 200 and download.headers["Cache-Control"] == "no-store"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["Campaign", "Oud Krispijn", "Nieuw Krispijn"]
    posters = next(row for row in rows if row[0] == "QR posters")
    assert posters[1:3] == ["hidden", "fewer than 5"]
    assert not {"2", "8", "12"} & {cell for row in rows for cell in row}
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reach.exported"))
        assert event is not None and event.details["suppressed"] is True


def test_an_admin_sees_every_figure_of_reach(
    app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    seed(app)
    signed_in(Role.ADMIN)
    page = client.get("/bureau/reach").get_data(as_text=True)
    campaigns = table(page, "campaigns")
    assert ">12<" in campaigns and ">2<" in campaigns and ">14<" in campaigns


def test_the_pillars_page_names_pillars_goals_and_themes(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    with loaded_app.app_context():
        # The survey of the content load: the page works out the targets' progress from every survey's indicators.
        seeder = MapSeeder(db.session)
        litter = seeder.theme("litter_pillars", pillar=Pillar.LIVEABLE_AND_SAFE, goals=(9,))
        for _ in range(12):
            seeder.response([litter], BUURT_A)
        db.session.add(IndicatorTarget(indicator="feels_unsafe", area_code="focus_area", year=2030, value=20, pillar=5,
                                       goal=10))  # fmt: skip
        db.session.commit()
    signed_in(Role.ANALYST)
    client.set_cookie("lang", "en")
    page = client.get("/bureau/pillars").get_data(as_text=True)
    targets = table(page, "pillars-targets")
    row = re.search(r'<tr data-key="5">.*?</tr>', targets, re.S)
    assert row is not None and "Liveable and safe" in row.group(0)
    assert re.findall(r'<td class="number">(\d+)</td>', row.group(0)) == ["0", "0", "0", "0", "1"]  # no figure yet
    pillars = table(page, "pillars-sources")
    assert "Liveable and safe" in pillars and "Theme litter_pillars" in pillars and ">12<" in pillars
    assert "More liveability" in table(page, "goals-sources")
    assert not CODES.search(visible_text(page))
