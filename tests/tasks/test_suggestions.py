"""Theme suggestions made by a task for each new answer and conversation: queued on commit, never for a refused
request, and written as the command would write them."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from participation.extensions import db
from participation.models import Answer, Role
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.themes.proposing import model_state, models, propose_for_response
from tests.factories import ANSWERS, StaffAccount, sign_in
from tests.tasks import queued, run_queued

URL = "/api/v1/surveys/bewonersenquete/responses"
MOULD = "Schimmel en vocht in de woning, de verhuurder doet niets."


def suggestions(app: Flask) -> list[tuple[str, int, str, CodingStatus, CodingOrigin]]:
    with app.app_context():
        rows = db.session.execute(
            select(ThemeCoding.subject_type, ThemeCoding.subject_id, Theme.code, ThemeCoding.status, ThemeCoding.origin)
            .join(Theme, Theme.id == ThemeCoding.theme_id)
            .order_by(ThemeCoding.id)
        ).all()
        return [(str(kind), int(number), code, status, origin) for kind, number, code, status, origin in rows]


def answer_id(app: Flask, response_id: int, question: str) -> int:
    with app.app_context():
        found = db.session.scalar(
            select(Answer.id).where(Answer.response_id == response_id, Answer.question_id == question)
        )
        assert found is not None
        return int(found)


def test_a_new_answer_gets_its_suggestions_from_a_queued_task(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    response = client.post(URL, json={"answers": {**ANSWERS, "good_here": MOULD}})
    assert response.status_code == 201
    # Nothing ran yet: the task waits in the queue, and it was queued only once the response was committed.
    assert suggestions(loaded_app) == []
    assert queued(loaded_app) == ["suggest_for_response"]

    assert run_queued(loaded_app) == ["suggest_for_response"]
    good_here = answer_id(loaded_app, response.get_json()["id"], "good_here")
    found = suggestions(loaded_app)
    assert ("answer", good_here, "housing_quality", CodingStatus.PROPOSED, CodingOrigin.SUGGESTION) in found
    assert {number for _kind, number, *_rest in found} == {good_here}  # the closed answers are no texts
    # New texts ask for an emerging-theme run a few minutes later, once however many arrive.
    assert queued(loaded_app) == ["emerging_themes"]
    client.post(URL, json={"answers": {**ANSWERS, "good_here": "Overal zwerfvuil bij de containers."}})
    run_queued(loaded_app)
    assert queued(loaded_app) == ["emerging_themes"]


def test_a_refused_answer_queues_nothing(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    refused = client.post(URL, json={"answers": {**ANSWERS, "good_here": MOULD, "rating_neighbourhood": 99}})
    assert refused.status_code == 422
    assert queued(loaded_app) == []


def test_a_resent_answer_queues_nothing_more(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    client.post(URL, json={"answers": {**ANSWERS, "good_here": MOULD}}, headers=headers)
    client.post(URL, json={"answers": {**ANSWERS, "good_here": MOULD}}, headers=headers)
    assert queued(loaded_app) == ["suggest_for_response"]


def test_running_a_suggestion_task_twice_adds_nothing(loaded_app: Flask) -> None:
    response = loaded_app.test_client().post(URL, json={"answers": {**ANSWERS, "good_here": MOULD}})
    run_queued(loaded_app)
    before = suggestions(loaded_app)
    with loaded_app.app_context():
        again = propose_for_response(db.session, response.get_json()["id"])
        db.session.commit()
    assert again.proposals == 0 and suggestions(loaded_app) == before


def test_a_field_log_gets_suggestions_unless_the_professional_gave_themes(
    loaded_app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    sign_in(client, make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht"))
    token = client.get("/field/").get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]

    def send(notes: str, themes: list[str]) -> int:
        fields = {
            "client_id": [str(uuid.uuid4())],
            "occurred_at": ["2026-11-20T14:14"],
            "line": ["contact"],
            "setting": ["street"],
            "participants": ["2"],
            "notes": [notes],
            "themes": themes,
        }
        sent = client.post("/field/api/conversations", json={"fields": fields}, headers={"X-CSRFToken": token})
        assert sent.status_code == 201, sent.get_data(as_text=True)
        return int(sent.get_json()["id"])

    plain = send(MOULD, [])
    chosen = send("Schimmel in de badkamer.", ["greenery"])
    assert queued(loaded_app) == ["suggest_for_subject", "suggest_for_subject"]
    run_queued(loaded_app)
    found = suggestions(loaded_app)
    assert ("conversation", plain, "housing_quality", CodingStatus.PROPOSED, CodingOrigin.SUGGESTION) in found
    # The professional's own choice stands, as with `flask themes suggest`: no suggestions beside it.
    assert [row[2:] for row in found if row[1] == chosen] == [
        ("greenery", CodingStatus.ACCEPTED, CodingOrigin.PROFESSIONAL)
    ]


def test_the_model_is_built_again_only_when_codebook_or_decisions_change(loaded_app: Flask) -> None:
    response = loaded_app.test_client().post(URL, json={"answers": {**ANSWERS, "good_here": MOULD}})
    run_queued(loaded_app)
    good_here = answer_id(loaded_app, response.get_json()["id"], "good_here")
    with loaded_app.app_context():
        models.clear()
        first = models.model(db.session)
        assert models.model(db.session) is first  # nothing changed: the same model
        state = model_state(db.session)
        coding = db.session.scalars(select(ThemeCoding).where(ThemeCoding.subject_id == good_here)).first()
        assert coding is not None and coding.subject_type is SubjectType.ANSWER
        coding.status = CodingStatus.ACCEPTED
        db.session.commit()
        assert model_state(db.session) != state
        assert models.model(db.session) is not first


def test_any_change_to_a_theme_makes_the_model_stale(loaded_app: Flask) -> None:
    """The fingerprint reads no keywords, so every way a theme changes must still move it: an edit through the ORM,
    an UPDATE statement, a theme added and one deleted."""
    with loaded_app.app_context():
        seen = [model_state(db.session)]
        mould = db.session.scalars(select(Theme).where(Theme.code == "housing_quality")).one()
        mould.keywords = {**mould.keywords, "nl": [*mould.keywords.get("nl", []), "zwammen"]}
        db.session.commit()
        assert mould.revision == 1
        seen.append(model_state(db.session))
        db.session.execute(update(Theme).where(Theme.code == "greenery").values(active=False))
        db.session.commit()
        seen.append(model_state(db.session))
        added = Theme(code="bench_test", label_nl="Proef", label_en="Trial", pillar=1, keywords={"nl": ["proef"]})
        db.session.add(added)
        db.session.commit()
        seen.append(model_state(db.session))
        db.session.delete(added)
        db.session.commit()
        seen.append(model_state(db.session))
        assert len(set(seen[:4])) == 4
        assert seen[4] == seen[2]  # the same codebook again: the model built from it still holds
        replacement = Theme(code="bench_other", label_nl="Ander", label_en="Other", pillar=1, keywords={"nl": ["x"]})
        db.session.add(replacement)
        db.session.commit()
        assert model_state(db.session) not in seen
        models.clear()
        model = models.model(db.session)
        mould.keywords = {**mould.keywords, "nl": [*mould.keywords["nl"], "paddenstoelen"]}
        db.session.commit()
        assert models.model(db.session) is not model
