"""Programme inputs: validation, updates and status changes with audit events, and evidence with quotes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation.models import AuditEvent, InputStatus, Priority
from participation.models.base import DbSession
from participation.models.themes import SubjectType
from participation.programme import (
    InputDraft,
    InputFilter,
    ProgrammeError,
    change_status,
    consented_quotes,
    create_input,
    inputs_of_wijk,
    link_evidence,
    public_inputs,
    public_text,
    unlink_evidence,
    update_input,
)
from tests.factories import BUURT_A, BUURT_OTHER, WIJK, Seeder

LANGUAGES = ("nl", "en", "tr", "ar", "pl", "bg")


def draft(seed: Seeder, **changes: object) -> InputDraft:
    theme = seed.theme(f"theme_{id(changes)}_{len(changes)}")
    fields: dict[str, object] = {
        "wijk_code": WIJK,
        "theme_id": theme.id,
        "title": "Meer afvalbakken op het plein",
        "buurt_code": BUURT_A,
        "residents_said": "Veel zwerfafval rond de winkels.",
        "proposed_effort": "Vier extra afvalbakken en een veegronde op zaterdag.",
        "public_texts": {"nl": "Er komen meer afvalbakken.", "en": "More litter bins are coming."},
    }
    fields.update(changes)
    return InputDraft(**fields)  # type: ignore[arg-type]


def actions(session: DbSession) -> list[str]:
    return [event.action for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_create_an_input_with_an_audit_event(session: DbSession, seed: Seeder) -> None:
    made = create_input(session, draft(seed, wijk_code=" wk050503 ", street_name="  "), None, LANGUAGES)
    assert made.wijk_code == WIJK and made.street_name is None
    assert made.status is InputStatus.PROPOSED and made.priority is Priority.MEDIUM
    assert actions(session) == ["programme_input.created"]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"wijk_code": "WK999999"}, "wijk_code", "wijk_unknown"),
        ({"buurt_code": BUURT_OTHER}, "buurt_code", "buurt_outside_wijk"),
        ({"theme_id": 999_999}, "theme_id", "theme_unknown"),
        ({"title": "   "}, "title", "title_required"),
        ({"title": "x" * 201}, "title", "too_long"),
        ({"public_texts": {"xx": "Tekst"}}, "public_texts", "language_unknown"),
    ],
)
def test_invalid_inputs_are_refused(
    session: DbSession, seed: Seeder, changes: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(ProgrammeError) as raised:
        create_input(session, draft(seed, **changes), None, LANGUAGES)
    assert (raised.value.field, raised.value.code) == (field, code)
    assert raised.value.message


def test_a_merged_theme_cannot_be_chosen(session: DbSession, seed: Seeder) -> None:
    old = seed.theme("old")
    old.active = False
    with pytest.raises(ProgrammeError, match="theme_unknown"):
        create_input(session, draft(seed, theme_id=old.id), None, LANGUAGES)


def test_update_records_changed_fields_and_the_status_change(session: DbSession, seed: Seeder) -> None:
    first = draft(seed)
    made = create_input(session, first, None, LANGUAGES)
    assert update_input(session, made, first, None, LANGUAGES) is False
    changed = InputDraft(**{**first.fields(), "status": InputStatus.ADOPTED, "priority": Priority.HIGH})  # type: ignore[arg-type]
    assert update_input(session, made, changed, None, LANGUAGES) is True
    events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [event.action for event in events] == [
        "programme_input.created",
        "programme_input.updated",
        "programme_input.status_changed",
    ]
    assert events[1].details["fields"] == ["priority", "status"]
    assert events[2].details == {"previous": "proposed", "status": "adopted"}


def test_change_status(session: DbSession, seed: Seeder) -> None:
    made = create_input(session, draft(seed), None, LANGUAGES)
    assert change_status(session, made, InputStatus.IN_PROGRESS, None) is True
    assert change_status(session, made, InputStatus.IN_PROGRESS, None) is False
    assert actions(session).count("programme_input.status_changed") == 1


def test_evidence_quotes_are_not_consented_unless_stated(session: DbSession, seed: Seeder) -> None:
    theme = seed.theme("litter")
    response = seed.response([theme])
    conversation = seed.conversation([theme])
    made = create_input(session, draft(seed), None, LANGUAGES)
    link_evidence(session, made, SubjectType.ANSWER, response.answers[0].id, None, quote="Overal afval.")
    link_evidence(
        session, made, SubjectType.CONVERSATION, conversation.id, None, quote="Ik durf niet meer.", quote_consent=True
    )
    assert [e.quote_consent for e in made.evidence] == [False, True]
    assert consented_quotes(made) == ("Ik durf niet meer.",)
    with pytest.raises(ProgrammeError, match="evidence_linked"):
        link_evidence(session, made, SubjectType.CONVERSATION, conversation.id, None)
    with pytest.raises(ProgrammeError, match="subject_unknown"):
        link_evidence(session, made, SubjectType.ACTIVITY, 999_999, None)
    with pytest.raises(ProgrammeError, match="quote_required"):
        link_evidence(session, made, SubjectType.ACTIVITY, seed.activity([theme]).id, None, quote_consent=True)
    unlink_evidence(session, made, made.evidence[0], None)
    assert len(made.evidence) == 1
    assert actions(session).count("programme_input.evidence_linked") == 2
    assert "programme_input.evidence_unlinked" in actions(session)


def test_lists_filters_and_public_items(session: DbSession, seed: Seeder) -> None:
    low = create_input(session, draft(seed, title="B", priority=Priority.LOW), None, LANGUAGES)
    high = create_input(
        session, draft(seed, title="A", priority=Priority.HIGH, status=InputStatus.DONE), None, LANGUAGES
    )
    assert inputs_of_wijk(session, WIJK) == [high, low]
    assert inputs_of_wijk(session, WIJK, InputFilter(priorities={Priority.LOW})) == [low]
    assert inputs_of_wijk(session, WIJK, InputFilter(theme_id=high.theme_id)) == [high]
    assert public_inputs(session, WIJK) == [high]
    assert public_text(high, "en") == "More litter bins are coming."
    assert public_text(high, "ar") == "Er komen meer afvalbakken."
