"""Review pages: the queue (accept, reject, add, next), double coding, agreement and emerging themes; roles,
escaping and audit events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import Answer, AuditEvent, Role
from participation.models.fieldwork import Conversation, ConversationSetting, Mood
from participation.models.lines import ParticipationLine
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from tests.factories import StaffAccount, sign_in
from tests.tasks import run_queued


@pytest.fixture(autouse=True)
def english_pages(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")  # the assertions read the English texts


@pytest.fixture
def review_app(loaded_app: Flask) -> Flask:
    return loaded_app


def add_conversation(app: Flask, organisation_id: int, notes: str, number: int) -> int:
    with app.app_context():
        conversation = Conversation(
            client_id=f"review-test-{number}",
            organisation_id=organisation_id,
            occurred_at=datetime(2025, 3, 1, 10, tzinfo=UTC),
            line=next(iter(ParticipationLine)),
            setting=next(iter(ConversationSetting)),
            participants=1,
            groups={},
            free_tags=[],
            notes=notes,
            quotes=[],
        )
        db.session.add(conversation)
        db.session.commit()
        return conversation.id


@pytest.fixture
def conversations(review_app: Flask, make_staff: Callable[..., StaffAccount]) -> list[int]:
    professional = make_staff(Role.PROFESSIONAL)
    texts = [
        "Overal afval en zwerfvuil bij de containers <script>alert(1)</script>",
        "Schimmel en vocht in de woning, de verhuurder doet niets.",
    ]
    ids = [add_conversation(review_app, professional.organisation_id, text, n) for n, text in enumerate(texts)]
    result = review_app.test_cli_runner().invoke(args=["themes", "suggest"])
    assert result.exit_code == 0, result.output
    assert "proposed" in result.output
    return ids


def codings(app: Flask) -> list[tuple[int, str, CodingStatus, bool]]:
    with app.app_context():
        rows = db.session.scalars(select(ThemeCoding).order_by(ThemeCoding.id)).all()
        return [(row.subject_id, row.theme.code, row.status, row.double_code) for row in rows]


def test_review_pages_are_for_analysts(
    review_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    assert client.get("/bureau/review/").status_code == 302  # to the login page
    signed_in(Role.PROFESSIONAL)
    for path in ("/bureau/review/", "/bureau/review/agreement", "/bureau/review/emerging", "/bureau/review/double"):
        assert client.get(path).status_code == 403


def test_suggest_command_is_idempotent(review_app: Flask, conversations: list[int]) -> None:
    before = codings(review_app)
    assert {(subject, code) for subject, code, _status, _double in before} >= {
        (conversations[0], "litter"),
        (conversations[1], "housing_quality"),
    }
    result = review_app.test_cli_runner().invoke(args=["themes", "suggest"])
    assert "proposed 0 theme(s)" in result.output
    assert codings(review_app) == before


def test_queue_shows_one_text_escaped_with_its_suggestions_and_shortcuts(
    review_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], conversations: list[int]
) -> None:
    signed_in(Role.ANALYST)
    # Oldest first, so that the first text is the first conversation whatever the suggestions' confidences are.
    response = client.get("/bureau/review/?order=oldest", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert 'data-key="a"' in page and 'data-key="r"' in page and 'data-key="n"' in page
    assert "js/review-keys.js" in page and "a accepts all suggestions" in page
    assert "Litter" in page or "Zwerfvuil" in page or "litter" in page


def test_accept_all_moves_on_and_records_audit_events(
    review_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], conversations: list[int]
) -> None:
    analyst = signed_in(Role.ANALYST)
    first = conversations[0]
    response = client.post(f"/bureau/review/conversation/{first}/decide", data={"action": "accept_all"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/conversation/{first}/next")
    decided = [row for row in codings(review_app) if row[0] == first]
    assert decided and all(status is CodingStatus.ACCEPTED for _s, _c, status, _d in decided)
    with review_app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "theme_coding.accepted")).all()
        assert len(events) == len(decided) and all(event.actor_id == analyst.id for event in events)
    # The next text is the other one; the accepted text has left the queue.
    follow = client.get(response.headers["Location"])
    assert follow.headers["Location"].endswith(f"/conversation/{conversations[1]}")


def test_reject_one_and_add_a_theme(
    review_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], conversations: list[int]
) -> None:
    signed_in(Role.ANALYST)
    second = conversations[1]
    with review_app.app_context():
        coding_id = db.session.scalar(select(ThemeCoding.id).where(ThemeCoding.subject_id == second))
    client.post(f"/bureau/review/conversation/{second}/decide", data={"action": f"reject:{coding_id}"})
    client.post(f"/bureau/review/conversation/{second}/add", data={"theme": "mental_health"})
    rows = {(code, status) for subject, code, status, _double in codings(review_app) if subject == second}
    assert ("mental_health", CodingStatus.ACCEPTED) in rows
    assert any(status is CodingStatus.REJECTED for _code, status in rows)
    assert client.post(f"/bureau/review/conversation/{second}/decide", data={"action": "drop"}).status_code == 400
    assert client.get("/bureau/review/letter/1").status_code == 404


def test_double_coding_hides_the_first_round_and_feeds_agreement(
    review_app: Flask,
    client: FlaskClient,
    make_staff: Callable[..., StaffAccount],
    conversations: list[int],
) -> None:
    first_coder, second_coder = make_staff(Role.ANALYST), make_staff(Role.ANALYST)
    sign_in(client, first_coder)
    for number in conversations:
        client.post(f"/bureau/review/conversation/{number}/decide", data={"action": "accept_all"})
    client.post("/logout")

    sign_in(client, second_coder)
    page = client.get("/bureau/review/double").get_data(as_text=True)
    assert f'name="number" value="{conversations[0]}"' in page
    assert "Accepted" not in page and "Matched words" not in page  # nothing of the first round
    client.post("/bureau/review/double", data={"kind": "conversation", "number": conversations[0], "theme": "litter"})
    client.post(
        "/bureau/review/double", data={"kind": "conversation", "number": conversations[1], "theme": "housing_quality"}
    )
    doubles = [row for row in codings(review_app) if row[3]]
    assert doubles and all(row[2] is not CodingStatus.PROPOSED for row in doubles)

    agreement = client.get("/bureau/review/agreement").get_data(as_text=True)
    assert "Double-coded texts: 2." in agreement
    assert "Overall kappa" in agreement

    client.post("/logout")
    sign_in(client, first_coder)  # the first coder may not double-code their own texts
    assert "No text is waiting" in client.get("/bureau/review/double").get_data(as_text=True)


def test_emerging_page_lists_candidates_from_texts_that_fit_no_theme(
    review_app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    professional = make_staff(Role.PROFESSIONAL)
    notes = [
        "De pont naar Zwijndrecht vaart te weinig.",
        "Pont Zwijndrecht vaart niet meer na acht uur.",
        "Vaker een pont richting Zwijndrecht graag.",
    ]
    for number, text in enumerate(notes):
        add_conversation(review_app, professional.organisation_id, text, 100 + number)
    sign_in(client, make_staff(Role.ANALYST))
    first = client.get("/bureau/review/emerging").get_data(as_text=True)
    assert 'data-last-run=""' in first and "Zwijndrecht vaart te weinig" not in first  # no run yet: one is queued
    assert run_queued(review_app) == ["emerging_themes"]
    page = client.get("/bureau/review/emerging").get_data(as_text=True)
    assert "pont" in page and "Zwijndrecht vaart te weinig" in page
    assert 'data-last-run="20' in page
    assert run_queued(review_app) == []  # the page answers from the stored run and queues nothing more

    assert client.post("/bureau/review/emerging/run").status_code == 302
    assert run_queued(review_app) == ["emerging_themes"]


def test_empty_queue(review_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]) -> None:
    signed_in(Role.ANALYST)
    assert "No text is waiting for review" in client.get("/bureau/review/").get_data(as_text=True)
    assert SubjectType.ANSWER.value == "answer"


def test_the_queue_item_shows_the_question_a_text_answers_and_its_tone(
    review_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    answers = {"rating_neighbourhood": 7, "good_here": "Het park is mooi.", "improve_first": "Afval op straat."}
    posted = client.post("/api/v1/surveys/bewonersenquete/responses", json={"language": "nl", "answers": answers})
    assert posted.status_code == 201, posted.get_json()
    result = review_app.test_cli_runner().invoke(args=["themes", "suggest"])
    assert result.exit_code == 0, result.output
    with review_app.app_context():
        stored = {
            answer.question_id: answer.id
            for answer in db.session.scalars(select(Answer).where(Answer.response_id == posted.get_json()["id"]))
        }
    signed_in(Role.ANALYST)
    expected = {
        "good_here": ("What is good about your neighbourhood?", "praise"),
        "improve_first": ("What should improve first in your neighbourhood?", "complaint"),
    }
    for question_id, (question, tone) in expected.items():
        page = client.get(f"/bureau/review/answer/{stored[question_id]}").get_data(as_text=True)
        assert f'<dd id="text-question">{question}</dd>' in page  # the reviewer's language, English here
        assert f'data-tone="{tone}"' in page
    # The queue leads to an item that says the same: the first text waiting is one of the two answers.
    queued = client.get("/bureau/review/", follow_redirects=True).get_data(as_text=True)
    assert 'id="text-question"' in queued and ('data-tone="praise"' in queued or 'data-tone="complaint"' in queued)


def test_a_conversation_in_the_queue_has_the_tone_of_its_mood(
    review_app: Flask,
    client: FlaskClient,
    signed_in: Callable[[Role], StaffAccount],
    conversations: list[int],
) -> None:
    with review_app.app_context():
        conversation = db.session.get(Conversation, conversations[1])
        assert conversation is not None
        conversation.mood = Mood.NEGATIVE
        db.session.commit()
    signed_in(Role.ANALYST)
    page = client.get(f"/bureau/review/conversation/{conversations[1]}").get_data(as_text=True)
    assert 'data-tone="complaint"' in page and 'id="text-question"' not in page
    neutral = client.get(f"/bureau/review/conversation/{conversations[0]}").get_data(as_text=True)
    assert 'data-tone="neutral"' in neutral


def propose(app: Flask, conversation_id: int, *confidences: float | None) -> None:
    """Proposals of the suggestion engine with the given confidences, one per theme of the codebook in turn."""
    with app.app_context():
        themes = db.session.scalars(select(Theme).order_by(Theme.code).limit(len(confidences))).all()
        for theme, confidence in zip(themes, confidences, strict=True):
            db.session.add(
                ThemeCoding(
                    theme_id=theme.id,
                    subject_type=SubjectType.CONVERSATION,
                    subject_id=conversation_id,
                    origin=CodingOrigin.SUGGESTION,
                    status=CodingStatus.PROPOSED,
                    confidence=confidence,
                    double_code=False,
                    details={},
                )
            )
        db.session.commit()


@pytest.fixture
def known_confidences(review_app: Flask, make_staff: Callable[..., StaffAccount]) -> list[int]:
    """Four conversations whose proposals have known confidences; by uncertainty: the second (1 bit), the fourth
    (0.88 bits), the first (0.47 bits), the third (0.08 bits)."""
    organisation_id = make_staff(Role.PROFESSIONAL).organisation_id
    ids = [add_conversation(review_app, organisation_id, f"Tekst {n}", 200 + n) for n in range(4)]
    for number, confidences in zip(ids, [(0.9,), (0.5, 0.9), (0.99,), (0.7,)], strict=True):
        propose(review_app, number, *confidences)
    return ids


def queue_location(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 302
    return response.headers["Location"]


def test_the_queue_shows_the_least_sure_text_first_with_what_each_decision_teaches(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount], known_confidences: list[int]
) -> None:
    signed_in(Role.ANALYST)
    location = queue_location(client, "/bureau/review/")
    assert location.endswith(f"/conversation/{known_confidences[1]}")  # no order parameter for the default
    page = client.get(location).get_data(as_text=True)
    assert 'id="queue-order" data-order="least-sure"' in page
    assert 'data-order="least-sure" aria-current="true"' in page
    assert 'href="/bureau/review/?order=oldest" data-order="oldest">' in page  # the other order is one link away
    assert 'data-waiting="4"' in page
    # 0.5 is a coin flip (1 bit, a lot); 0.9 teaches little (0.47 bits); together 1.47 bits.
    assert '<td data-teaches="a-lot" data-bits="1.00">' in page and "1.00" in page
    assert '<td data-teaches="little" data-bits="0.47">' in page
    assert 'id="teaches-total" data-teaches="a-lot" data-bits="1.47"' in page

    some = client.get(f"/bureau/review/conversation/{known_confidences[3]}").get_data(as_text=True)
    assert '<td data-teaches="some" data-bits="0.88">' in some


def test_skipping_and_deciding_follow_the_least_sure_order(
    review_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount], known_confidences: list[int]
) -> None:
    signed_in(Role.ANALYST)
    first, second, third, fourth = known_confidences
    assert queue_location(client, f"/bureau/review/conversation/{second}/next").endswith(f"/conversation/{fourth}")
    # Deciding the least sure text leads to the next least sure one.
    response = client.post(f"/bureau/review/conversation/{second}/decide", data={"action": "reject_all"})
    assert response.headers["Location"].endswith(f"/conversation/{second}/next")
    assert queue_location(client, response.headers["Location"]).endswith(f"/conversation/{fourth}")
    response = client.post(f"/bureau/review/conversation/{fourth}/decide", data={"action": "accept_all"})
    assert queue_location(client, response.headers["Location"]).endswith(f"/conversation/{first}")
    page = client.get(f"/bureau/review/conversation/{first}").get_data(as_text=True)
    assert 'data-waiting="2"' in page
    assert {row[0] for row in codings(review_app) if row[2] is CodingStatus.PROPOSED} == {first, third}


def test_the_oldest_first_order_is_kept_from_page_to_page(
    client: FlaskClient, signed_in: Callable[[Role], StaffAccount], known_confidences: list[int]
) -> None:
    signed_in(Role.ANALYST)
    first, second, third, fourth = known_confidences
    location = queue_location(client, "/bureau/review/?order=oldest")
    assert location.endswith(f"/conversation/{first}?order=oldest")
    page = client.get(location).get_data(as_text=True)
    assert 'id="queue-order" data-order="oldest"' in page and 'data-order="oldest" aria-current="true"' in page
    assert '<input type="hidden" name="order" value="oldest">' in page  # the next-text form keeps the order
    assert f'action="/bureau/review/conversation/{first}/decide?order=oldest"' in page
    skipped = queue_location(client, f"/bureau/review/conversation/{first}/next?order=oldest")
    assert skipped.endswith(f"/conversation/{second}?order=oldest")
    decided = client.post(f"/bureau/review/conversation/{second}/decide?order=oldest", data={"action": "accept_all"})
    assert decided.headers["Location"].endswith(f"/conversation/{second}/next?order=oldest")
    assert queue_location(client, decided.headers["Location"]).endswith(f"/conversation/{third}?order=oldest")
    # An unknown order is the default one: least sure first.
    assert queue_location(client, "/bureau/review/?order=random").endswith(f"/conversation/{fourth}")
