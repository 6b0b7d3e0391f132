"""Staff pages for printed surveys: downloads of posters and paper forms, and typing in paper answers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, Contact, ResponseChannel, Role, SurveyResponse
from tests.factories import TEST_PASSWORD, StaffAccount, sign_in
from tests.printing.pdf_text import pdf_text
from tests.printing.test_poster import read_qr, segno_matrix

BASE = "/staff/surveys"
ENTRY = f"{BASE}/bewonersenquete/entry"
MAKE_RUN = "http://127.0.0.1:5055/"  # where `make run PORT=5055` serves
ANSWERS = {
    "rating_neighbourhood": "8",
    "safe_day": "4",
    "health": "good",
    "good_here": "De markt <b>op zaterdag</b>",
    "where__buurt": "BU05050300",
    "wants_involved": "yes",
    "contact_details": "yes",
    "contact_details__email": "bewoner@example.org",
    "age_group": "age_25_44",
}


@pytest.fixture
def paper_app(loaded_app: Flask) -> Flask:
    """The app with content and one campaign."""
    result = loaded_app.test_cli_runner().invoke(
        args=["surveys", "campaign", "bewonersenquete", "huis-aan-huis", "--kind", "door_to_door"]
    )
    assert result.exit_code == 0, result.output
    return loaded_app


@pytest.fixture
def professional(paper_app: Flask, signed_in: Callable[[Role], StaffAccount]) -> StaffAccount:
    return signed_in(Role.PROFESSIONAL)


def entry_key(client: FlaskClient, query: str = "") -> str:
    page = client.get(f"{ENTRY}{query}")
    assert page.status_code == 200
    match = re.search(r'name="_key" value="([^"]+)"', page.get_data(as_text=True))
    assert match
    return match.group(1)


def responses(app: Flask) -> list[SurveyResponse]:
    with app.app_context():
        found = db.session.scalars(select(SurveyResponse).order_by(SurveyResponse.id)).all()
        for response in found:
            _ = response.answers, response.campaign  # load before the session closes
        return list(found)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"{BASE}/"),
        ("get", f"{BASE}/bewonersenquete/poster?lang=nl"),
        ("get", f"{BASE}/bewonersenquete/paper/nl.pdf"),
        ("get", ENTRY),
        ("post", ENTRY),
        ("get", f"{ENTRY}/1"),
    ],
)
def test_anonymous_visitors_are_sent_to_login(paper_app: Flask, client: FlaskClient, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_list_offers_posters_paper_forms_and_entry(client: FlaskClient, professional: StaffAccount) -> None:
    page = client.get(f"{BASE}/", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Residents&#39; survey Dordt West" in html
    assert "huis-aan-huis" in html
    assert f'action="{BASE}/bewonersenquete/poster"' in html
    for language in ("nl", "en", "tr", "ar", "pl", "bg"):
        assert f'href="{BASE}/bewonersenquete/paper/{language}.pdf"' in html
    assert f'href="{ENTRY}"' in html


def test_poster_downloads_as_pdf_and_svg_with_the_campaign_link(
    client: FlaskClient, professional: StaffAccount
) -> None:
    query = "lang=tr&lang=nl&campaign=huis-aan-huis"
    svg = client.get(f"{BASE}/bewonersenquete/poster?{query}&format=svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert "attachment" in svg.headers["Content-Disposition"]
    assert svg.headers["Content-Type"] == "image/svg+xml" and svg.headers["Cache-Control"] == "no-store"
    # No PARTICIPATION_PUBLIC_BASE_URL: the address the request came in on (the test client's).
    url = "http://localhost/tr/s/bewonersenquete/?c=huis-aan-huis"
    encoded, matrix = read_qr(svg.get_data(as_text=True))
    assert encoded == url and matrix == segno_matrix(url)
    pdf = client.get(f"{BASE}/bewonersenquete/poster?{query}&format=pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.headers["Cache-Control"] == "no-store"
    text = pdf_text(pdf.data)
    assert "Dordt West Sakin Anketi" in text and "Bewonersenquête Dordt West" in text and url in text


def poster_url(client: FlaskClient, base_url: str = "http://localhost/", **headers: str) -> str:
    svg = client.get(f"{BASE}/bewonersenquete/poster?lang=nl&format=svg", base_url=base_url, headers=headers)
    assert svg.status_code == 200
    return read_qr(svg.get_data(as_text=True))[0]


def test_the_poster_carries_the_configured_public_address(
    make_app: Callable[..., Flask], make_staff: Callable[..., StaffAccount]
) -> None:
    app = make_app(PUBLIC_BASE_URL="https://meedoen.dordtwest.example")
    assert app.test_cli_runner().invoke(args=["content", "load"]).exit_code == 0
    client = app.test_client()
    sign_in(client, make_staff(Role.PROFESSIONAL))
    assert poster_url(client) == "https://meedoen.dordtwest.example/nl/s/bewonersenquete/"


def test_without_a_public_address_the_poster_carries_the_one_the_request_came_in_on(
    make_app: Callable[..., Flask], make_staff: Callable[..., StaffAccount]
) -> None:
    app = make_app(PROXY_HOPS=1)
    assert app.test_cli_runner().invoke(args=["content", "load"]).exit_code == 0
    client = app.test_client()
    user = make_staff(Role.PROFESSIONAL)
    login = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD}, base_url=MAKE_RUN)
    assert login.status_code == 302
    assert poster_url(client, base_url=MAKE_RUN) == "http://127.0.0.1:5055/nl/s/bewonersenquete/"
    # Behind the one trusted proxy, the address residents reach it on.
    sign_in(client, make_staff(Role.PROFESSIONAL))
    forwarded = {"X-Forwarded-Host": "meedoen.example", "X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.1"}
    assert poster_url(client, **forwarded) == "https://meedoen.example/nl/s/bewonersenquete/"


def test_poster_refuses_unknown_languages_and_campaigns(client: FlaskClient, professional: StaffAccount) -> None:
    assert client.get(f"{BASE}/bewonersenquete/poster?lang=fr").status_code == 400
    assert client.get(f"{BASE}/bewonersenquete/poster?lang=nl&campaign=nope").status_code == 400
    assert client.get(f"{BASE}/unknown/poster?lang=nl").status_code == 404


def test_the_arabic_paper_form_downloads(client: FlaskClient, professional: StaffAccount) -> None:
    response = client.get(f"{BASE}/bewonersenquete/paper/ar.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="bewonersenquete-ar-v')
    assert "كيف صحتك بشكل عام؟" in pdf_text(response.data)
    assert client.get(f"{BASE}/bewonersenquete/paper/fr.pdf").status_code == 404


def test_a_paper_form_is_stored_with_channel_paper_and_the_staff_member(
    paper_app: Flask, client: FlaskClient, professional: StaffAccount
) -> None:
    key = entry_key(client)
    form = {**ANSWERS, "_key": key, "_language": "tr", "_campaign": "huis-aan-huis"}
    posted = client.post(ENTRY, data=form)
    assert posted.status_code == 302, posted.get_data(as_text=True)
    confirmation = client.get(posted.headers["Location"], headers={"Accept-Language": "en"})
    assert confirmation.status_code == 200
    html = confirmation.get_data(as_text=True)
    assert "Paper form stored" in html
    assert f'href="{ENTRY}?language=tr&amp;campaign=huis-aan-huis"' in html
    [stored] = responses(paper_app)
    assert stored.channel is ResponseChannel.PAPER
    assert stored.entered_by_id == professional.id
    assert stored.language == "tr"
    assert stored.campaign is not None and stored.campaign.name == "huis-aan-huis"
    answers = {answer.question_id: answer.value for answer in stored.answers}
    assert answers["rating_neighbourhood"] == 8 and answers["wants_involved"] is True
    assert answers["good_here"] == "De markt <b>op zaterdag</b>"
    assert answers["contact_details"] == {"consent": True, "email": "bewoner@example.org"}
    assert answers["where"]["buurt"] == "BU05050300"
    with paper_app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey_response.paper_entered"))
        assert event is not None and event.actor_id == professional.id
        assert event.subject_id == str(stored.id) and event.details["language"] == "tr"
        # The resident offered to take part: a contact, with the consent recorded by whoever typed the form in.
        contact = db.session.scalar(select(Contact).where(Contact.source_response_id == stored.id))
        assert contact is not None and contact.email == "bewoner@example.org" and contact.name == ""
        assert [consent.recorded_by_id for consent in contact.consents] == [professional.id]


def test_the_next_form_keeps_language_and_campaign(client: FlaskClient, professional: StaffAccount) -> None:
    page = client.get(f"{ENTRY}?language=ar&campaign=huis-aan-huis", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert re.search(r'<option value="ar" lang="ar"\s+selected>', html)
    assert re.search(r'<option value="huis-aan-huis"\s+selected>', html)
    # Numbered as on the paper form, with every page of the survey on this one screen.
    assert "Question 1</p>" in html and "Question 13</p>" in html
    assert 'name="contact_details__email"' in html and 'name="where__buurt"' in html
    assert "Only if you answered “Yes” to question 10." in html  # the contact page, as on paper


def test_a_double_submit_stores_one_response(paper_app: Flask, client: FlaskClient, professional: StaffAccount) -> None:
    form = {**ANSWERS, "_key": entry_key(client), "_language": "nl"}
    first = client.post(ENTRY, data=form)
    second = client.post(ENTRY, data=form)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(responses(paper_app)) == 1
    with paper_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Contact)) == 1
        events = db.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("survey_response.%"))
        )
        assert events == 1
    # A fresh form gets a fresh key, and is a second response.
    assert client.post(ENTRY, data={**form, "_key": entry_key(client)}).status_code == 302
    assert len(responses(paper_app)) == 2


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_stored(
    paper_app: Flask, client: FlaskClient, professional: StaffAccount
) -> None:
    form = {**ANSWERS, "_key": entry_key(client), "_language": "nl", "rating_neighbourhood": "11", "health": "bad?"}
    response = client.post(ENTRY, data=form, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    rating = html[
        html.index('id="rating_neighbourhood"') : html.index("</fieldset>", html.index('id="rating_neighbourhood"'))
    ]
    assert 'class="field__error"' in rating and "Please give a number from 1 to 10." in rating
    health = html[html.index('id="health"') : html.index("</fieldset>", html.index('id="health"'))]
    assert "Please choose one of the options." in health
    assert (
        'value="De markt &lt;b&gt;op zaterdag&lt;/b&gt;"' in html or "De markt &lt;b&gt;op zaterdag&lt;/b&gt;" in html
    )
    assert f'name="_key" value="{form["_key"]}"' in html  # the same form keeps its key
    assert responses(paper_app) == []


def test_a_missing_required_answer_and_a_bad_language_are_refused(
    paper_app: Flask, client: FlaskClient, professional: StaffAccount
) -> None:
    form = {"_key": entry_key(client), "_language": "fr", "_campaign": "nope"}
    response = client.post(ENTRY, data=form, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Please answer this question." in html
    assert "Choose the language of the paper form." in html and "Choose one of the campaigns." in html
    assert responses(paper_app) == []


def test_a_refused_meta_field_is_marked_like_a_refused_question(
    paper_app: Flask, client: FlaskClient, professional: StaffAccount
) -> None:
    form = {**ANSWERS, "_key": "too short", "_language": "fr"}
    html = client.post(ENTRY, data=form, headers={"Accept-Language": "en"}).get_data(as_text=True)
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    assert '<a href="#_language">Choose the language of the paper form.</a>' in summary
    assert '<a href="#_key-error">This form could not be read. Please enter it again.</a>' in summary
    language = html[
        html.index('<label for="_language">') : html.index("</select>", html.index('<label for="_language">'))
    ]
    assert '<p class="field__error" id="_language-error"><span class="visually-hidden">Error:</span>' in language
    assert 'aria-describedby="_language-error"' in language and 'aria-invalid="true"' in language
    assert 'id="_key-error"' in html


def test_an_analyst_may_enter_forms_too(
    paper_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    analyst = signed_in(Role.ANALYST)
    form = {**ANSWERS, "_key": entry_key(client), "_language": "nl"}
    assert client.post(ENTRY, data=form).status_code == 302
    [stored] = responses(paper_app)
    assert stored.entered_by_id == analyst.id
