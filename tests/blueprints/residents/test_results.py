"""The public "you said, we did" page: adopted items in the resident's language, aggregates only, quotes only
with consent."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import InputStatus
from participation.models.themes import SubjectType, Theme
from participation.programme import InputDraft, create_input, link_evidence
from tests.factories import BUURT_A, BUURT_B, WIJK, Seeder


@pytest.fixture
def results_app(app: Flask) -> Flask:
    with app.app_context():
        seed = Seeder(db.session)
        seed.areas()
        litter, youth = seed.theme("litter"), seed.theme("youth_nuisance")
        for _ in range(4):
            seed.response([youth], BUURT_A)
        for _ in range(8):
            seed.response([litter], BUURT_B)
        conversation = seed.conversation([litter])
        languages = ["nl", "en", "ar"]
        for title, status, texts in (
            (
                "Afvalbakken",
                InputStatus.ADOPTED,
                {"nl": "Er komen meer afvalbakken.", "ar": "سنضع المزيد من صناديق القمامة."},
            ),
            ("Speeltuin", InputStatus.DONE, {"nl": "De speeltuin is opgeknapt."}),
            ("Geheim plan", InputStatus.PROPOSED, {"nl": "Nog niet besloten."}),
        ):
            item = create_input(
                db.session,
                InputDraft(wijk_code=WIJK, theme_id=litter.id, title=title, status=status, public_texts=texts),
                None,
                languages,
            )
            if title == "Afvalbakken":
                link_evidence(
                    db.session,
                    item,
                    SubjectType.CONVERSATION,
                    conversation.id,
                    None,
                    quote="Schoon graag!",
                    quote_consent=True,
                )
                link_evidence(
                    db.session,
                    item,
                    SubjectType.ANSWER,
                    seed.response([litter]).answers[0].id,
                    None,
                    quote="Niet citeren",
                )
        db.session.commit()
    return app


def test_adopted_and_done_items_in_the_residents_language(results_app: Flask, client: FlaskClient) -> None:
    page = client.get(f"/ar/wijk/{WIJK}/").get_data(as_text=True)
    assert "سنضع المزيد من صناديق القمامة." in page
    assert "De speeltuin is opgeknapt." in page  # no Arabic text: the Dutch one
    assert "Nog niet besloten." not in page
    assert 'dir="rtl"' in page


def test_quotes_only_with_consent(results_app: Flask, client: FlaskClient) -> None:
    page = client.get(f"/nl/wijk/{WIJK}/").get_data(as_text=True)
    assert "Schoon graag!" in page and "Niet citeren" not in page


def test_aggregates_only_and_suppressed(results_app: Flask, client: FlaskClient) -> None:
    page = client.get(f"/en/wijk/{WIJK}/").get_data(as_text=True)
    numbers = re.findall(r'<td class="number">([^<]*)</td>', page)
    assert "4" not in numbers
    assert "fewer than 5" in page


def test_unknown_wijk_is_404(results_app: Flask, client: FlaskClient) -> None:
    assert client.get("/nl/wijk/WK999999/").status_code == 404
    assert client.get(f"/xx/wijk/{WIJK}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "label", "description"),
    [
        ("nl", "Zwerfafval en vuil", "Zwerfafval, gedumpt afval en vieze straten."),
        ("en", "Litter and dirt", "Litter, dumped rubbish and dirty streets."),
        ("tr", "Çöp ve kir", "Yere atılan çöpler ve kirli sokaklar."),
        ("ar", "القمامة والأوساخ", "القمامة في الشارع والشوارع المتسخة."),
        # No Polish label or description: the Dutch ones, never an empty cell.
        ("pl", "Zwerfafval en vuil", "Zwerfafval, gedumpt afval en vieze straten."),
    ],
)
def test_themes_are_named_in_the_pages_language(
    results_app: Flask, client: FlaskClient, language: str, label: str, description: str
) -> None:
    with results_app.app_context():
        litter = db.session.scalar(select(Theme).where(Theme.code == "litter"))
        assert litter is not None
        litter.label_nl, litter.label_en = "Zwerfafval en vuil", "Litter and dirt"
        litter.labels = {"tr": "Çöp ve kir", "ar": "القمامة والأوساخ"}
        litter.descriptions = {
            "nl": "Zwerfafval, gedumpt afval en vieze straten.",
            "en": "Litter, dumped rubbish and dirty streets.",
            "tr": "Yere atılan çöpler ve kirli sokaklar.",
            "ar": "القمامة في الشارع والشوارع المتسخة.",
        }
        db.session.commit()
    page = client.get(f"/{language}/wijk/{WIJK}/").get_data(as_text=True)
    assert f'<tr><th scope="row">{label}<br><span class="muted">{description}</span></th>' in page
    others = {"Zwerfafval en vuil", "Litter and dirt", "Çöp ve kir", "القمامة والأوساخ"} - {label}
    assert not any(other in page for other in others), language
