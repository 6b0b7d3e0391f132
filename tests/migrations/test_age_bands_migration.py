"""The shared age bands' migration maps the age bands stored before to the new ones, and back."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import downgrade, stamp, upgrade
from sqlalchemy import select

from participation.extensions import db
from participation.models import Answer, Conversation, ResponseDraft, SurveyVersion
from participation.surveys.age_bands import age_bands
from tests.databases import empty_database
from tests.factories import Seeder

REVISION = "a9e3c5d17b42"
BEFORE = "fa17ff95e9dd"
OLD_CHOICES = ["age_15_24", "age_25_44", "age_45_64", "age_65_plus", "no_answer"]


@pytest.fixture
def empty_database_url(tmp_path: Path, worker_id: str) -> str:
    return empty_database(tmp_path, f"{worker_id}_age_bands")


def _definition(values: list[str]) -> dict[str, Any]:
    choices = [{"value": value, "label": {"nl": value, "en": value}} for value in values]
    question = {"id": "age_group", "type": "single_choice", "text": {"nl": "Leeftijd", "en": "Age"}}
    return {"pages": [{"id": "p", "questions": [{**question, "choices": choices}]}]}


def _state() -> dict[str, Any]:
    session = db.session
    session.expire_all()
    return {
        "conversations": [c.groups for c in session.scalars(select(Conversation).order_by(Conversation.id))],
        "answers": [(a.question_id, a.value) for a in session.scalars(select(Answer).order_by(Answer.id))],
        "draft": session.scalars(select(ResponseDraft)).one().answers,
        "choices": [
            choice["value"]
            for version in session.scalars(select(SurveyVersion).order_by(SurveyVersion.id))
            for choice in version.definition["pages"][0]["questions"][0]["choices"]
        ],
    }


def test_old_age_bands_become_the_shared_ones_and_come_back(
    make_app: Callable[..., Flask], empty_database_url: str
) -> None:
    app = make_app(DATABASE_URL=empty_database_url)
    with app.app_context():
        upgrade()
        seed = Seeder(db.session)
        seed.version.definition = _definition(OLD_CHOICES)
        for bands in (["0_17", "18_29", "30_44", "65_plus"], ["45_64"]):
            seed.conversation([]).groups = {"age_bands": bands, "languages": ["tr"]}
        response = seed.response([], answers=1, text="age_15_24")  # an open answer that happens to look alike
        response.answers.append(Answer(question_id="age_group", position=1, value="age_15_24"))
        db.session.add(
            Answer(response=seed.response([], answers=0), question_id="age_group", position=0, value="age_65_plus")
        )
        expires = datetime.now(UTC) + timedelta(days=1)
        answers = {"age_group": "age_15_24", "good_here": 7}
        db.session.add(ResponseDraft(survey_version=seed.version, resume_code_hash="h", language="nl",
                                     answers=answers, expires_at=expires))  # fmt: skip
        db.session.commit()
        before = _state()
        stamp(revision=BEFORE)  # the revision changes data only, so the schema of head serves both sides

        upgrade(revision=REVISION)
        after = _state()
        assert after["conversations"] == [
            {"age_bands": ["12_17", "18_24", "25_44", "65_plus"], "languages": ["tr"]},
            {"age_bands": ["45_64"], "languages": ["tr"]},
        ]
        assert after["answers"] == [("q0", "age_15_24"), ("age_group", "age_18_24"), ("age_group", "age_65_plus")]
        assert after["draft"] == {"age_group": "age_18_24", "good_here": 7}
        assert after["choices"] == [band.choice_value for band in age_bands()] + ["no_answer"]

        downgrade(revision=BEFORE)
        assert _state() == before
        db.session.remove()
        db.engine.dispose()


def test_downgrade_maps_the_new_bands_to_old_ones(make_app: Callable[..., Flask], empty_database_url: str) -> None:
    app = make_app(DATABASE_URL=empty_database_url)
    with app.app_context():
        upgrade()
        seed = Seeder(db.session)
        seed.version.definition = _definition([band.choice_value for band in age_bands()] + ["no_answer"])
        seed.conversation([]).groups = {"age_bands": ["under_12", "12_17", "18_24", "25_44"], "languages": []}
        for value in ["age_under_12", "age_12_17", "age_18_24"]:
            db.session.add(
                Answer(response=seed.response([], answers=0), question_id="age_group", position=0, value=value)
            )
        expires = datetime.now(UTC) + timedelta(days=1)
        db.session.add(ResponseDraft(survey_version=seed.version, resume_code_hash="h", language="nl",
                                     answers={"age_group": "age_under_12"}, expires_at=expires))  # fmt: skip
        db.session.commit()

        downgrade(revision=BEFORE)
        state = _state()
        assert state["conversations"] == [{"age_bands": ["0_17", "18_29", "30_44"], "languages": []}]
        assert state["answers"] == [("age_group", "no_answer"), ("age_group", "age_15_24"), ("age_group", "age_15_24")]
        assert state["draft"] == {"age_group": "no_answer"}
        assert state["choices"] == OLD_CHOICES
        db.session.remove()
        db.engine.dispose()
