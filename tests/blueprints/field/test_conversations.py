"""Logging conversations at /field/: the form without JavaScript, the outbox's JSON endpoint, and who sees what."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.accounts.operations import ensure_organisation
from participation.extensions import db
from participation.models import (
    CodingOrigin,
    Conversation,
    Role,
    SubjectType,
    Theme,
    ThemeCoding,
)
from participation.models.base import utcnow
from tests.factories import StaffAccount, sign_in


@pytest.fixture
def themes(loaded_app: Flask) -> list[str]:
    """Two themes of our own, so these tests do not depend on the shipped codebook."""
    with loaded_app.app_context():
        for code, nl, en, pillar in (("test-litter", "Afval", "Litter", 1), ("test-lonely", "Eenzaam", "Lonely", 2)):
            if db.session.scalar(select(Theme).where(Theme.code == code)) is None:
                db.session.add(Theme(code=code, label_nl=nl, label_en=en, pillar=pillar, goals=[9]))
        db.session.commit()
    return ["test-litter", "test-lonely"]


@pytest.fixture
def partner(app: Flask) -> None:
    """The partner the form's follow-up goes to, in the register."""
    with app.app_context():
        ensure_organisation(db.session, "HVC")
        db.session.commit()


def form(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "client_id": str(uuid.uuid4()),
        "occurred_at": "2026-11-20T14:30",
        "line": "contact",
        "setting": "street",
        "participants": "3",
        "age_bands": ["12_17", "25_44"],
        "languages": ["nl", "tr"],
        "themes": ["test-litter"],
        "free_tags": "hondenpoep, bankje",
        "notes": "Bewoners klagen over <b>afval</b> bij de containers.",
        "quotes": "Het is hier altijd vies\nNiemand ruimt het op",
        "mood": "negative",
        "location__buurt": "BU05050401",
        "location__street": "",
    }
    fields.update(overrides)
    return fields


def count(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Conversation)) or 0)


@pytest.mark.usefixtures("partner")
def test_a_professional_logs_a_conversation_without_javascript(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], themes: list[str]
) -> None:
    user = signed_in(Role.PROFESSIONAL)
    assert client.get("/field/conversations/new").status_code == 200
    follow_up = {"signal_description": "Container maken", "signal_partner": "HVC"}
    response = client.post("/field/conversations", data=form(**follow_up))
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    with loaded_app.app_context():
        conversation = db.session.scalar(select(Conversation))
        assert conversation is not None and conversation.author_id == user.id
        assert (
            conversation.participants == 3 and conversation.mood is not None and conversation.mood.value == "negative"
        )
        assert conversation.groups == {"age_bands": ["12_17", "25_44"], "languages": ["nl", "tr"]}
        assert conversation.free_tags == ["hondenpoep", "bankje"]
        assert conversation.quotes == ["Het is hier altijd vies", "Niemand ruimt het op"]
        assert conversation.location is not None and conversation.location.wijk_code == "WK050504"
        # Named by name, as a log queued offline before the register of partners sends it.
        partner = conversation.signals[0].partner_organisation
        assert partner is not None and partner.name == "HVC"
        # 14:30 in Dordrecht in November is 13:30 UTC.
        assert conversation.occurred_at.hour == 13
        coding = db.session.scalar(select(ThemeCoding).where(ThemeCoding.subject_type == SubjectType.CONVERSATION))
        assert coding is not None and coding.theme.code == "test-litter" and coding.origin is CodingOrigin.PROFESSIONAL
    page = client.get(f"/field/conversations/{conversation.id}").get_data(as_text=True)
    assert "&lt;b&gt;afval&lt;/b&gt;" in page


def test_the_outbox_endpoint_stores_once_per_device_id(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], themes: list[str]
) -> None:
    signed_in(Role.PROFESSIONAL)
    fields = {key: value if isinstance(value, list) else [value] for key, value in form().items()}
    first = client.post("/field/api/conversations", json={"fields": fields})
    again = client.post("/field/api/conversations", json={"fields": fields})
    assert first.status_code == 201 and again.status_code == 200
    assert first.get_json()["id"] == again.get_json()["id"]
    assert count(loaded_app) == 1


def test_times_are_shown_as_they_were_in_dordrecht(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], themes: list[str]
) -> None:
    signed_in(Role.PROFESSIONAL)
    # 14:14 on a winter day in Dordrecht is 13:14 UTC: stored as UTC, shown as 14:14 everywhere.
    assert client.post("/field/conversations", data=form(occurred_at="2026-11-20T14:14")).status_code == 302
    with loaded_app.app_context():
        conversation = db.session.scalar(select(Conversation))
        assert conversation is not None and conversation.occurred_at.hour == 13
    pages = [client.get(url).get_data(as_text=True) for url in ("/field/", "/field/conversations")]
    pages.append(client.get(f"/field/conversations/{conversation.id}").get_data(as_text=True))
    for page in pages:
        assert "14:14" in page and "13:14" not in page
    export = client.get("/field/conversations.csv")
    assert export.mimetype == "text/csv" and export.headers["Cache-Control"] == "no-store"
    rows = export.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert rows[1].startswith("2026-11-20 14:14,"), rows


def test_bad_input_gets_errors_per_field_and_saves_nothing(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], themes: list[str]
) -> None:
    signed_in(Role.PROFESSIONAL)
    client.set_cookie("lang", "en")
    future = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page = client.post(
        "/field/conversations",
        data=form(participants="0", line="gossip", themes=["no-such-theme"], occurred_at=future, location__buurt="BU0"),
    )
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "cannot be in the future" in text and "number of residents" in text and "participation line" in text
    fields = {"client_id": ["short"], "line": ["contact"], "setting": ["street"]}
    api = client.post("/field/api/conversations", json={"fields": fields})
    assert api.status_code == 422 and "client_id" in api.get_json()["errors"]
    assert client.post("/field/api/conversations", data="nope", content_type="application/json").status_code == 400
    assert count(loaded_app) == 0


def test_who_sees_and_changes_what(
    loaded_app: Flask, make_staff: Callable[..., StaffAccount], themes: list[str]
) -> None:
    author = make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht")
    colleague = make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht")
    other = make_staff(Role.PROFESSIONAL, organisation="Woonbron")
    analyst = make_staff(Role.ANALYST, organisation="Programmabureau")
    author_client = loaded_app.test_client()
    sign_in(author_client, author)
    author_client.post("/field/conversations", data=form())
    with loaded_app.app_context():
        conversation_id = db.session.scalar(select(Conversation.id))
    url = f"/field/conversations/{conversation_id}"

    def client_for(account: StaffAccount) -> FlaskClient:
        client = loaded_app.test_client()
        sign_in(client, account)
        return client

    assert client_for(colleague).get(url).status_code == 200
    assert client_for(colleague).get(f"{url}/edit").status_code == 403
    assert client_for(other).get(url).status_code == 403
    assert client_for(analyst).get(url).status_code == 200
    assert author_client.get(f"{url}/edit").status_code == 200
    changed = author_client.post(f"{url}/edit", data=form(participants="5", themes=["test-lonely"]))
    assert changed.status_code == 302
    with loaded_app.app_context():
        conversation = db.session.get(Conversation, conversation_id)
        assert conversation is not None and conversation.participants == 5
        codes = db.session.scalars(
            select(Theme.code).join(ThemeCoding).where(ThemeCoding.subject_id == conversation_id)
        ).all()
        assert codes == ["test-lonely"]
        conversation.created_at = utcnow() - timedelta(days=8)
        db.session.commit()
    assert author_client.get(f"{url}/edit").status_code == 403  # seven days have passed


def test_the_field_app_is_installable(client: FlaskClient, signed_in: Callable[[Role], StaffAccount]) -> None:
    manifest = client.get("/field/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    document = manifest.get_json(force=True)
    assert document["start_url"] == "/field/" and {icon["sizes"] for icon in document["icons"]} == {
        "192x192",
        "512x512",
    }
    worker = client.get("/field/service-worker.js").get_data(as_text=True)
    assert '"/field/conversations/new"' in worker and "caches.open" in worker
    assert 'const OFFLINE_FALLBACK = "/field/offline"' in worker


def test_a_release_that_changes_an_offline_file_renames_the_workers_cache(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    def cache_name() -> str:
        found = re.search(r"const CACHE_NAME = (\S+);", client.get("/field/service-worker.js").get_data(as_text=True))
        assert found
        return found.group(1)

    before = cache_name()
    assert cache_name() == before
    copy = tmp_path / "static"
    shutil.copytree(str(app.static_folder), copy)
    with (copy / "js" / "field-app.js").open("a", encoding="utf-8") as script:
        script.write("\n// the next release\n")
    app.static_folder = str(copy)
    assert cache_name() != before


def test_the_offline_page_is_honest_in_the_users_language(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")
    page = client.get("/field/offline")
    assert page.status_code == 200 and page.headers["Content-Language"] == "en"
    assert "This page needs a connection" in page.get_data(as_text=True)
    client.set_cookie("lang", "ar")
    assert client.get("/field/offline").headers["Content-Language"] == "ar"


def test_anonymous_visitors_go_to_the_login_page(client: FlaskClient) -> None:
    assert client.get("/field/").headers["Location"].startswith("/login")
    assert client.post("/field/api/conversations", json={}).status_code == 302


def test_a_resident_who_wants_to_join_is_registered_only_with_consent(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], themes: list[str]
) -> None:
    from participation.models import ConsentRecord, Contact

    signed_in(Role.PROFESSIONAL)
    client.set_cookie("lang", "en")
    contact = {
        "contact_wanted": "yes",
        "contact_name": "Fatma",
        "contact_phone": "06 12345678",
        "contact_purpose": "Be invited to the playground sessions",
    }
    refused = client.post("/field/conversations", data=form(**contact))
    assert refused.status_code == 400 and "their consent" in refused.get_data(as_text=True)
    assert count(loaded_app) == 0
    accepted = client.post("/field/conversations", data=form(**contact, contact_consent="yes"))
    assert accepted.status_code == 302
    with loaded_app.app_context():
        conversation = db.session.scalar(select(Conversation))
        assert conversation is not None and conversation.contact is not None
        assert conversation.contact.name == "Fatma" and conversation.contact.buurt_code == "BU05050401"
        consent = db.session.scalar(select(ConsentRecord))
        assert consent is not None and consent.purpose == "Be invited to the playground sessions"
        assert db.session.scalar(select(func.count()).select_from(Contact)) == 1


def test_professionals_see_only_counts_of_other_organisations(
    loaded_app: Flask, make_staff: Callable[..., StaffAccount], themes: list[str]
) -> None:
    writer = make_staff(Role.PROFESSIONAL, organisation="Woonbron")
    reader = make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht")
    writer_client = loaded_app.test_client()
    sign_in(writer_client, writer)
    writer_client.post("/field/conversations", data=form(notes="Alleen voor Woonbron"))
    reader_client = loaded_app.test_client()
    sign_in(reader_client, reader)
    home = reader_client.get("/field/").get_data(as_text=True)
    assert "Woonbron" in home and "Alleen voor Woonbron" not in home
    assert "Alleen voor Woonbron" not in reader_client.get("/field/conversations").get_data(as_text=True)


def test_an_old_age_band_is_refused(
    client: FlaskClient, themes: list[str], signed_in: Callable[[Role], StaffAccount]
) -> None:
    signed_in(Role.PROFESSIONAL)
    response = client.post("/field/conversations", data=form(age_bands=["0_17"]))
    assert response.status_code == 400
    assert 'id="age_bands-error"' in response.get_data(as_text=True)
