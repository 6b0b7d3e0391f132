"""Analysts' changes to the programme input: create and update inputs, change their status, link and unlink
evidence. Each function validates, flushes and writes an audit event; the caller commits."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select, update

from participation.audit import record
from participation.models import Activity, Answer, Buurt, Conversation, StaffUser, Wijk
from participation.models.base import DbSession, utcnow
from participation.models.programme import InputEvidence, InputStatus, Priority, ProgrammeInput
from participation.models.themes import SubjectType, Theme
from participation.programme.errors import ProgrammeError

TITLE_LENGTH = 200
STREET_LENGTH = 200
TEXT_LENGTH = 5000
QUOTE_LENGTH = 1000

SUBJECT_MODELS: dict[SubjectType, type[Answer] | type[Conversation] | type[Activity]] = {
    SubjectType.ANSWER: Answer,
    SubjectType.CONVERSATION: Conversation,
    SubjectType.ACTIVITY: Activity,
}


@dataclass(frozen=True)
class InputDraft:
    """What an analyst enters for a programme input, before it is checked."""

    wijk_code: str
    theme_id: int
    title: str
    buurt_code: str | None = None
    street_name: str | None = None
    residents_said: str = ""
    proposed_effort: str = ""
    priority: Priority = Priority.MEDIUM
    status: InputStatus = InputStatus.PROPOSED
    public_texts: Mapping[str, str] = field(default_factory=dict)

    def validated(self, session: DbSession, languages: Collection[str]) -> InputDraft:
        """The draft with texts trimmed and empty parts dropped, or ``ProgrammeError`` for the first problem."""
        wijk_code = self.wijk_code.strip().upper()
        if session.scalar(select(Wijk.id).where(Wijk.code == wijk_code).limit(1)) is None:
            raise ProgrammeError("wijk_code", "wijk_unknown")
        buurt_code = (self.buurt_code or "").strip().upper() or None
        if buurt_code is not None and not _buurt_in_wijk(session, buurt_code, wijk_code):
            raise ProgrammeError("buurt_code", "buurt_outside_wijk")
        theme = session.get(Theme, self.theme_id)
        if theme is None or not theme.active or theme.merged_into_id is not None:
            raise ProgrammeError("theme_id", "theme_unknown")
        title = self.title.strip()
        if not title:
            raise ProgrammeError("title", "title_required")
        street_name = (self.street_name or "").strip() or None
        for name, text, limit in (
            ("title", title, TITLE_LENGTH),
            ("street_name", street_name or "", STREET_LENGTH),
            ("residents_said", self.residents_said, TEXT_LENGTH),
            ("proposed_effort", self.proposed_effort, TEXT_LENGTH),
        ):
            if len(text) > limit:
                raise ProgrammeError(name, "too_long", max=limit)
        public_texts = {language: text.strip() for language, text in self.public_texts.items() if text.strip()}
        for language, text in public_texts.items():
            if language not in languages:
                raise ProgrammeError("public_texts", "language_unknown")
            if len(text) > TEXT_LENGTH:
                raise ProgrammeError(f"public_text_{language}", "too_long", max=TEXT_LENGTH)
        return InputDraft(
            wijk_code=wijk_code,
            theme_id=theme.id,
            title=title,
            buurt_code=buurt_code,
            street_name=street_name,
            residents_said=self.residents_said.strip(),
            proposed_effort=self.proposed_effort.strip(),
            priority=Priority(self.priority),
            status=InputStatus(self.status),
            public_texts=public_texts,
        )

    def fields(self) -> dict[str, object]:
        return {
            "wijk_code": self.wijk_code,
            "buurt_code": self.buurt_code,
            "street_name": self.street_name,
            "theme_id": self.theme_id,
            "title": self.title,
            "residents_said": self.residents_said,
            "proposed_effort": self.proposed_effort,
            "priority": self.priority,
            "status": self.status,
            "public_texts": dict(self.public_texts),
        }


def _buurt_in_wijk(session: DbSession, buurt_code: str, wijk_code: str) -> bool:
    found = session.scalar(
        select(Buurt.id).join(Wijk, Wijk.id == Buurt.wijk_id).where(Buurt.code == buurt_code, Wijk.code == wijk_code)
    )
    return found is not None


def create_input(
    session: DbSession, draft: InputDraft, actor: StaffUser | None, languages: Collection[str]
) -> ProgrammeInput:
    """Add a programme input, or raise ``ProgrammeError``."""
    draft = draft.validated(session, languages)
    programme_input = ProgrammeInput(**draft.fields(), created_by_id=actor.id if actor is not None else None)
    session.add(programme_input)
    session.flush()
    record(
        session,
        "programme_input.created",
        actor=actor,
        subject=programme_input,
        wijk=draft.wijk_code,
        status=str(draft.status),
    )
    return programme_input


def update_input(
    session: DbSession,
    programme_input: ProgrammeInput,
    draft: InputDraft,
    actor: StaffUser | None,
    languages: Collection[str],
) -> bool:
    """Change an input; returns whether anything changed. A status change is audited as such, with both ends."""
    draft = draft.validated(session, languages)
    changed = {name: value for name, value in draft.fields().items() if getattr(programme_input, name) != value}
    if not changed:
        return False
    previous_status = programme_input.status
    for name, value in changed.items():
        setattr(programme_input, name, value)
    programme_input.updated_at = utcnow()
    session.flush()
    record(session, "programme_input.updated", actor=actor, subject=programme_input, fields=sorted(changed))
    if "status" in changed:
        _record_status(session, programme_input, previous_status, actor)
    return True


def change_status(
    session: DbSession, programme_input: ProgrammeInput, status: InputStatus, actor: StaffUser | None
) -> bool:
    """Move an input to another status (any direction: a decision can be undone); False when it had it already."""
    status = InputStatus(status)
    if programme_input.status == status:
        return False
    previous = programme_input.status
    programme_input.status = status
    programme_input.updated_at = utcnow()
    session.flush()
    _record_status(session, programme_input, previous, actor)
    return True


def _record_status(
    session: DbSession, programme_input: ProgrammeInput, previous: InputStatus, actor: StaffUser | None
) -> None:
    record(
        session,
        "programme_input.status_changed",
        actor=actor,
        subject=programme_input,
        previous=str(previous),
        status=str(programme_input.status),
    )


def link_evidence(
    session: DbSession,
    programme_input: ProgrammeInput,
    subject_type: SubjectType,
    subject_id: int,
    actor: StaffUser | None,
    *,
    quote: str = "",
    quote_consent: bool = False,
) -> InputEvidence:
    """Link an answer (of a survey response), a conversation or an activity to an input, with an optional quote.

    ``quote_consent`` stays False unless the analyst states that the person agreed to being quoted: a quote is
    never public by default, whatever its source.
    """
    subject_type = SubjectType(subject_type)
    if session.get(SUBJECT_MODELS[subject_type], subject_id) is None:
        raise ProgrammeError("subject_id", "subject_unknown")
    quote = quote.strip()
    if len(quote) > QUOTE_LENGTH:
        raise ProgrammeError("quote", "too_long", max=QUOTE_LENGTH)
    if quote_consent and not quote:
        raise ProgrammeError("quote", "quote_required")
    if any(e.subject_type == subject_type and e.subject_id == subject_id for e in programme_input.evidence):
        raise ProgrammeError("subject_id", "evidence_linked")
    evidence = InputEvidence(
        subject_type=subject_type, subject_id=subject_id, quote=quote, quote_consent=bool(quote_consent)
    )
    programme_input.evidence.append(evidence)
    session.flush()
    record(
        session,
        "programme_input.evidence_linked",
        actor=actor,
        subject=programme_input,
        evidence=evidence.id,
        source=str(subject_type),
        source_id=subject_id,
        quote_consent=evidence.quote_consent,
    )
    return evidence


def unlink_evidence(
    session: DbSession, programme_input: ProgrammeInput, evidence: InputEvidence, actor: StaffUser | None
) -> None:
    """Remove a piece of evidence (and its quote) from an input."""
    if evidence.programme_input_id != programme_input.id:
        raise ProgrammeError("evidence", "subject_unknown")
    programme_input.evidence.remove(evidence)
    session.flush()
    record(
        session,
        "programme_input.evidence_unlinked",
        actor=actor,
        subject=programme_input,
        source=str(evidence.subject_type),
        source_id=evidence.subject_id,
    )


def erase_evidence_of(session: DbSession, subject_type: SubjectType, subject_ids: Collection[int]) -> int:
    """Blank the quotes and drop the links of the evidence that these sources gave, because the resident erased
    them; returns how many pieces of evidence. The evidence stays, marked, so an input does not lose a source
    without a word. The caller audits the erasure.
    """
    if not subject_ids:
        return 0
    result = session.execute(
        update(InputEvidence)
        .where(InputEvidence.subject_type == SubjectType(subject_type), InputEvidence.subject_id.in_(list(subject_ids)))
        .values(quote="", subject_id=None, erased_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)
