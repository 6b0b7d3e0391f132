"""The bureau's codebook pages: for analysts only, grouped by pillar, and create, edit and merge end to end."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Role
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes import load_codebook, sync_codebook
from tests.factories import Seeder, StaffAccount, sign_in

BASE = "/bureau/themes"
NEW_THEME = {
    "code": "stray_cats",
    "label_nl": "Zwerfkatten",
    "label_en": "Stray cats",
    "description_en": "Cats without an owner in gardens and alleys.",
    "labels_tr": "Sokak kedileri",
    "pillar": "5",
    "goals": ["9"],
    "keywords_nl": "kat, zwerfkat\nkatten",
    "keywords_ar": "قطة",
}


@pytest.fixture
def codebook_app(app: Flask) -> Flask:
    """The app with the shipped codebook."""
    with app.app_context():
        sync_codebook(db.session, load_codebook())
        db.session.commit()
    return app


@pytest.fixture
def analyst(codebook_app: Flask, signed_in: Callable[[Role], StaffAccount]) -> StaffAccount:
    return signed_in(Role.ANALYST)


def theme(app: Flask, code: str) -> Theme:
    with app.app_context():
        found = db.session.scalar(select(Theme).where(Theme.code == code))
        assert found is not None
        db.session.expunge(found)
        return found


def actions(app: Flask) -> list[tuple[str, int | None]]:
    with app.app_context():
        return [(e.action, e.actor_id) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/"), ("get", "/new"), ("post", "/new"), ("get", "/litter/edit"), ("post", "/litter/merge")],
)
def test_professionals_may_not_see_the_codebook(
    codebook_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], method: str, path: str
) -> None:
    signed_in(Role.PROFESSIONAL)
    assert getattr(client, method)(BASE + path).status_code == 403


def test_anonymous_visitors_are_sent_to_login(codebook_app: Flask, client: FlaskClient) -> None:
    response = client.get(f"{BASE}/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_analysts_see_the_themes_grouped_by_pillar_in_their_language(
    codebook_app: Flask, client: FlaskClient, analyst: StaffAccount
) -> None:
    with codebook_app.app_context():
        litter = db.session.scalar(select(Theme).where(Theme.code == "litter"))
        assert litter is not None
        db.session.add(
            ThemeCoding(
                theme_id=litter.id,
                subject_type=SubjectType.ANSWER,
                subject_id=7,
                origin=CodingOrigin.ANALYST,
                status=CodingStatus.ACCEPTED,
            )
        )
        db.session.commit()
    page = client.get(f"{BASE}/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    housing = page.index("Housing and physical environment")
    safe = page.index("Liveable and safe")
    assert housing < page.index("Greenery and nature") < safe < page.index("Litter and dirt")
    assert page.count("<caption") == 5
    assert "More safety" in page
    assert '<td class="number">1</td>' in page  # the one coding of litter

    dutch = client.get(f"{BASE}/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Zwerfafval en vuil" in dutch and "Litter and dirt" not in dutch


def test_an_analyst_adds_a_theme(codebook_app: Flask, client: FlaskClient, analyst: StaffAccount) -> None:
    form = client.get(f"{BASE}/new").get_data(as_text=True)
    assert 'name="keywords_bg"' in form and 'lang="ar"' in form and "<legend" in form

    response = client.post(f"{BASE}/new", data=NEW_THEME)
    assert response.status_code == 302, response.get_data(as_text=True)
    added = theme(codebook_app, "stray_cats")
    assert (added.pillar, added.goals) == (5, [9])
    assert added.keywords == {"nl": ["kat", "zwerfkat", "katten"], "ar": ["قطة"]}
    assert ("theme.created", analyst.id) in actions(codebook_app)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "litter"}, "Another theme has this code already."),
        ({"code": "Stray Cats"}, "Use lower-case letters, digits, hyphens and underscores"),
        ({"goals": []}, "Choose at least one strategic goal."),
        ({"label_nl": ""}, "Fill in a label."),
        ({"keywords_en": "stray cats in the yard"}, "Give each keyword as a word or a phrase"),
    ],
)
def test_a_refused_theme_shows_the_error_next_to_the_field(
    codebook_app: Flask, client: FlaskClient, analyst: StaffAccount, changes: dict[str, object], message: str
) -> None:
    response = client.post(f"{BASE}/new", data={**NEW_THEME, **changes}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'class="field__error"' in page
    assert "<title>Error:" in page
    with codebook_app.app_context():
        assert db.session.scalar(select(Theme).where(Theme.code == "stray_cats")) is None


def test_an_analyst_edits_a_theme_and_keeps_keywords_of_other_languages(
    make_app: Callable[..., Flask], client: FlaskClient, codebook_app: Flask, analyst: StaffAccount
) -> None:
    page = client.get(f"{BASE}/litter/edit").get_data(as_text=True)
    assert "zwerfvuil" in page and 'value="Zwerfafval en vuil"' in page
    with codebook_app.app_context():
        litter = db.session.scalar(select(Theme).where(Theme.code == "litter"))
        assert litter is not None
        litter.keywords = {**litter.keywords, "so": ["qashin"]}  # a language this installation does not offer
        db.session.commit()

    data = {**NEW_THEME, "label_en": "Litter", "pillar": "1", "goals": ["1", "9"], "keywords_nl": "afval, troep"}
    response = client.post(f"{BASE}/litter/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    litter = theme(codebook_app, "litter")
    assert (litter.code, litter.label_en, litter.pillar, litter.goals) == ("litter", "Litter", 1, [1, 9])
    assert litter.keywords["nl"] == ["afval", "troep"] and litter.keywords["so"] == ["qashin"]
    assert "en" not in litter.keywords  # NEW_THEME leaves the English field empty
    assert ("theme.updated", analyst.id) in actions(codebook_app)
    assert client.get(f"{BASE}/nothing/edit").status_code == 404


def test_an_analyst_merges_a_theme_after_confirming(
    codebook_app: Flask, client: FlaskClient, analyst: StaffAccount
) -> None:
    with codebook_app.app_context():
        noise = db.session.scalar(select(Theme).where(Theme.code == "noise"))
        assert noise is not None
        for subject_id in (1, 2, 3):
            db.session.add(
                ThemeCoding(
                    theme_id=noise.id,
                    subject_type=SubjectType.CONVERSATION,
                    subject_id=subject_id,
                    origin=CodingOrigin.ANALYST,
                    status=CodingStatus.ACCEPTED,
                    coded_by_id=analyst.id,
                )
            )
        db.session.commit()
    english = {"Accept-Language": "en"}
    choose = client.get(f"{BASE}/noise/merge", headers=english).get_data(as_text=True)
    assert "Codings of this theme: 3." in choose and 'value="neighbour_nuisance"' in choose
    assert 'value="noise"' not in choose

    assert client.post(f"{BASE}/noise/merge", data={"target": ""}).status_code == 400
    confirm = client.post(f"{BASE}/noise/merge", data={"target": "neighbour_nuisance", "proceed": "y"}, headers=english)
    assert confirm.status_code == 200
    assert "Codings that move: 3." in confirm.get_data(as_text=True)
    assert theme(codebook_app, "noise").active  # nothing happens before the confirmation

    done = client.post(f"{BASE}/noise/merge", data={"target": "neighbour_nuisance", "confirm": "y"})
    assert done.status_code == 302
    merged, target = theme(codebook_app, "noise"), theme(codebook_app, "neighbour_nuisance")
    assert (merged.active, merged.merged_into_id) == (False, target.id)
    assert "lawaai" in target.keywords["nl"]
    with codebook_app.app_context():
        moved = db.session.scalars(select(ThemeCoding.theme_id)).all()
    assert moved == [target.id] * 3
    assert ("theme.merged", analyst.id) in actions(codebook_app)

    listing = client.get(f"{BASE}/", headers=english).get_data(as_text=True)
    assert "Merged themes" in listing
    assert client.get(f"{BASE}/noise/merge").status_code == 404
    assert client.get(f"{BASE}/noise/edit").headers["Location"].endswith("/neighbour_nuisance/edit")


def test_the_codebook_counts_praise_and_complaint_apart_and_suppressed(
    codebook_app: Flask, client: FlaskClient, analyst: StaffAccount, make_staff: Callable[..., StaffAccount]
) -> None:
    with codebook_app.app_context():
        seed = Seeder(db.session)
        litter = db.session.scalar(select(Theme).where(Theme.code == "litter"))
        assert litter is not None
        for _ in range(6):
            seed.response([litter], questions=["good_here"])
        for _ in range(2):
            seed.response([litter], questions=["improve_first"])
        db.session.commit()

    def cells(viewer: FlaskClient) -> dict[str, str]:
        page = viewer.get("/bureau/themes/").get_data(as_text=True)
        row = page[page.index("<code>litter</code>") :]
        row = row[: row.index("</tr>")]
        return dict(re.findall(r'data-tone="(\w+)">(.*?)</td>', row))

    shown = cells(client)  # two complaints are fewer than k; the six praises would give them away beside the total
    assert 'class="suppressed"' in shown["complaint"] and "2" not in shown["complaint"]
    assert 'class="suppressed"' in shown["praise"]
    admin = codebook_app.test_client()
    sign_in(admin, make_staff(Role.ADMIN))
    assert cells(admin) == {"praise": "6", "complaint": "2"}
