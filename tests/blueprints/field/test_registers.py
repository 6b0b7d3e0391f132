"""The field-register pages: places, activities and contacts under /field, with the access rules of issue 5."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.extensions import db
from participation.i18n import LANGUAGE_COOKIE
from participation.models import Activity, AuditEvent, ConsentRecord, Contact, Place, Role, Theme, ThemeCoding
from tests.factories import StaffAccount, sign_in

ORGANISATION_A = "Welzijn Dordrecht"
ORGANISATION_B = "Woonbron"
PLACE = {
    "name": "Buurthuis De Ruit",
    "kind": "community_centre",
    "moment": "Wednesday coffee morning",
    "contact_organisation": "Stichting De Ruit",
    "buurt": "BU05050300",
    "street": "",
}
CONTACT = {
    "kind": "active_resident",
    "name": "Fatma Yilmaz",
    "email": "fatma.yilmaz@example.org",
    "phone": "06 1234 5678",
    "buurt_code": "BU05050300",
    "notes": "Best after five",
    "consent_purpose": "be invited to sessions",
    "consent_given": "y",
}


@pytest.fixture
def field_app(loaded_app: Flask) -> Flask:
    """The app with content loaded."""
    return loaded_app


@pytest.fixture
def client_as(field_app: Flask, make_staff: Callable[..., StaffAccount]) -> Callable[..., FlaskClient]:
    """A signed-in client of its own for a new staff member: ``client_as(Role.ANALYST, "Programmabureau")``."""

    def make(role: Role = Role.PROFESSIONAL, organisation: str = ORGANISATION_A) -> FlaskClient:
        client = english_client(field_app)
        sign_in(client, make_staff(role, organisation=organisation))
        return client

    return make


def english_client(app: Flask) -> FlaskClient:
    """A client that reads the pages in English, so assertions hold whatever the Dutch catalog says."""
    client = app.test_client()
    client.set_cookie(LANGUAGE_COOKIE, "en")
    return client


def _count(app: Flask, model: type[object]) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def _only_id(app: Flask, model: type[Place] | type[Activity] | type[Contact]) -> int:
    with app.app_context():
        return db.session.scalars(select(model.id)).one()


@pytest.mark.parametrize(
    "path", ["/field/places", "/field/places/new", "/field/activities", "/field/contacts", "/field/contacts/new"]
)
def test_anonymous_visitors_are_sent_to_login(field_app: Flask, path: str) -> None:
    response = field_app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_professional_registers_a_place_and_another_organisation_sees_only_a_count(
    field_app: Flask, client_as: Callable[..., FlaskClient]
) -> None:
    professional_a = client_as(Role.PROFESSIONAL, ORGANISATION_A)
    assert professional_a.get("/field/places/new").status_code == 200
    response = professional_a.post("/field/places/new", data=PLACE)
    assert response.status_code == 302, response.get_data(as_text=True)
    place_id = _only_id(field_app, Place)
    listing = professional_a.get("/field/places").get_data(as_text=True)
    assert "Buurthuis De Ruit" in listing and f"/field/places/{place_id}/edit" in listing

    professional_b = client_as(Role.PROFESSIONAL, ORGANISATION_B)
    other = professional_b.get("/field/places").get_data(as_text=True)
    assert "Buurthuis De Ruit" not in other
    assert ORGANISATION_A in other  # the count per organisation
    assert professional_b.get(f"/field/places/{place_id}/edit").status_code == 403
    assert professional_b.post(f"/field/places/{place_id}/edit", data=PLACE | {"name": "Taken"}).status_code == 403


def test_a_place_without_contact_organisation_is_shown_again_with_the_error(
    field_app: Flask, client_as: Callable[..., FlaskClient]
) -> None:
    response = client_as().post("/field/places/new", data=PLACE | {"contact_organisation": "", "buurt": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert page.count("Fill this in.") >= 2 and 'role="alert"' in page
    assert _count(field_app, Place) == 0


def test_the_author_edits_for_seven_days_only(field_app: Flask, client_as: Callable[..., FlaskClient]) -> None:
    professional = client_as()
    professional.post("/field/places/new", data=PLACE)
    place_id = _only_id(field_app, Place)
    edit = f"/field/places/{place_id}/edit"
    assert professional.post(edit, data=PLACE | {"name": "De Ruit", "buurt": ""}).status_code == 302
    with field_app.app_context():
        place = db.session.get(Place, place_id)
        assert place is not None and place.name == "De Ruit" and place.location is not None  # location kept
        place.created_at -= timedelta(days=8)
        db.session.commit()
    assert professional.get(edit).status_code == 403
    assert client_as(Role.ADMIN, "Gemeente Dordrecht").get(edit).status_code == 200


def test_an_activity_is_logged_at_a_place_with_the_themes_raised(
    field_app: Flask, client_as: Callable[..., FlaskClient]
) -> None:
    with field_app.app_context():
        db.session.add_all(
            [
                Theme(code="test_bench", label_nl="Bankje", label_en="Test bench", pillar=1, goals=[1]),
                Theme(code="test_coffee", label_nl="Koffie", label_en="Test coffee", pillar=2, goals=[4]),
            ]
        )
        db.session.commit()
        theme_ids = list(
            db.session.scalars(select(Theme.id).where(Theme.code.startswith("test_")).order_by(Theme.code))
        )
    professional = client_as()
    professional.post("/field/places/new", data=PLACE)
    place_id = _only_id(field_app, Place)
    form = professional.get("/field/activities/new").get_data(as_text=True)
    assert 'type="checkbox" name="themes"' in form and "Test coffee" in form and "Buurthuis De Ruit" in form
    data = {
        "client_id": "form-1",
        "title": "Koffieochtend",
        "kind": "meeting",
        "held_on": "2025-05-14",
        "line": "connect",
        "attendance": "14",
        "place": str(place_id),
        "themes": [str(theme_ids[1])],
        "notes": "",
    }
    assert professional.post("/field/activities/new", data=data).status_code == 302
    assert professional.post("/field/activities/new", data=data).status_code == 302  # sent twice: stored once
    assert _count(field_app, Activity) == 1
    activity_id = _only_id(field_app, Activity)
    with field_app.app_context():
        activity = db.session.get(Activity, activity_id)
        assert activity is not None and activity.place_id == place_id and activity.attendance == 14
        assert list(db.session.scalars(select(ThemeCoding.theme_id))) == [theme_ids[1]]
    listing = professional.get("/field/activities").get_data(as_text=True)
    assert "Koffieochtend" in listing and "Test coffee" in listing
    edit = professional.get(f"/field/activities/{activity_id}/edit").get_data(as_text=True)
    assert f'id="theme-{theme_ids[1]}" value="{theme_ids[1]}" checked' in edit

    professional_b = client_as(Role.PROFESSIONAL, ORGANISATION_B)
    assert "Koffieochtend" not in professional_b.get("/field/activities").get_data(as_text=True)
    assert professional_b.get(f"/field/activities/{activity_id}/edit").status_code == 403


def _register_contact(field_app: Flask, client: FlaskClient) -> int:
    response = client.post("/field/contacts/new", data=CONTACT)
    assert response.status_code == 302, response.get_data(as_text=True)
    return _only_id(field_app, Contact)


def test_a_contact_is_refused_without_consent(field_app: Flask, client_as: Callable[..., FlaskClient]) -> None:
    response = client_as().post("/field/contacts/new", data={k: v for k, v in CONTACT.items() if k != "consent_given"})
    assert response.status_code == 400
    assert "only after the person has given consent" in response.get_data(as_text=True)
    assert _count(field_app, Contact) == 0


def test_professionals_list_contacts_without_details(field_app: Flask, client_as: Callable[..., FlaskClient]) -> None:
    professional = client_as()
    _register_contact(field_app, professional)
    listing = professional.get("/field/contacts").get_data(as_text=True)
    assert "be invited to sessions" in listing
    for detail in ("Fatma", "fatma.yilmaz@example.org", "1234", "Best after five"):
        assert detail not in listing


def test_a_professional_gets_403_on_another_organisations_records_and_on_any_contact_details(
    field_app: Flask, client_as: Callable[..., FlaskClient]
) -> None:
    professional_a = client_as(Role.PROFESSIONAL, ORGANISATION_A)
    contact_id = _register_contact(field_app, professional_a)
    professional_a.post("/field/places/new", data=PLACE)
    place_id = _only_id(field_app, Place)
    professional_b = client_as(Role.PROFESSIONAL, ORGANISATION_B)

    assert professional_b.get(f"/field/places/{place_id}/edit").status_code == 403
    assert professional_b.get(f"/field/contacts/{contact_id}/consents").status_code == 403
    assert (
        professional_b.post(f"/field/contacts/{contact_id}/consents", data={"consent_purpose": "x"}).status_code == 403
    )
    # Contact details: refused below analyst, even for the organisation that registered the contact.
    assert professional_b.get(f"/field/contacts/{contact_id}").status_code == 403
    assert professional_a.get(f"/field/contacts/{contact_id}").status_code == 403
    with field_app.app_context():
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "contact.viewed")).all() == []


def test_every_read_of_contact_details_appears_in_the_audit_log_with_who_and_when(
    field_app: Flask, client_as: Callable[..., FlaskClient], make_staff: Callable[..., StaffAccount]
) -> None:
    contact_id = _register_contact(field_app, client_as())
    analyst_account = make_staff(Role.ANALYST, organisation="Programmabureau Dordt West")
    analyst = english_client(field_app)
    sign_in(analyst, analyst_account)
    listing = analyst.get("/field/contacts").get_data(as_text=True)
    assert "Fatma" not in listing and f"/field/contacts/{contact_id}" in listing
    with field_app.app_context():
        assert db.session.scalar(select(func.count()).where(AuditEvent.action == "contact.viewed")) == 0
    for _ in range(2):
        page = analyst.get(f"/field/contacts/{contact_id}")
        assert page.status_code == 200
        assert page.headers["Cache-Control"] == "no-store"
        assert "Fatma Yilmaz" in page.get_data(as_text=True)
    admin = client_as(Role.ADMIN, "Gemeente Dordrecht")
    assert admin.get(f"/field/contacts/{contact_id}").status_code == 200
    with field_app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "contact.viewed").order_by(AuditEvent.id)
        ).all()
        assert len(events) == 3
        assert [event.actor_id for event in events][:2] == [analyst_account.id, analyst_account.id]
        assert events[2].actor is not None and events[2].actor.role is Role.ADMIN
        assert all(event.occurred_at is not None and event.subject_id == str(contact_id) for event in events)
    audit_page = admin.get("/admin/audit").get_data(as_text=True)
    assert "contact.viewed" in audit_page and analyst_account.email in audit_page


def test_consent_is_added_and_withdrawn_without_showing_details(
    field_app: Flask, client_as: Callable[..., FlaskClient]
) -> None:
    professional = client_as()
    contact_id = _register_contact(field_app, professional)
    page = professional.get(f"/field/contacts/{contact_id}/consents").get_data(as_text=True)
    assert "be invited to sessions" in page and "Fatma" not in page
    added = professional.post(f"/field/contacts/{contact_id}/consents", data={"consent_purpose": "newsletter"})
    assert added.status_code == 302
    with field_app.app_context():
        consent_ids = list(db.session.scalars(select(ConsentRecord.id).order_by(ConsentRecord.id)))
    assert len(consent_ids) == 2
    withdrawn = professional.post(f"/field/contacts/{contact_id}/consents/{consent_ids[0]}/withdraw")
    assert withdrawn.status_code == 302
    with field_app.app_context():
        first = db.session.get(ConsentRecord, consent_ids[0])
        assert first is not None and first.withdrawn_at is not None
