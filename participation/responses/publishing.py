"""Publishing survey definitions as immutable versions, and reading them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from participation.models import Campaign, CampaignKind, Survey, SurveyVersion
from participation.models.base import DbSession, utcnow
from participation.surveys.model import SurveyDefinition


@dataclass(frozen=True)
class PublishResult:
    version: SurveyVersion
    created: bool


def find_survey(session: DbSession, slug: str) -> Survey | None:
    return session.scalar(select(Survey).where(Survey.slug == slug))


def current_version(session: DbSession, slug: str) -> SurveyVersion | None:
    """The newest published version of a survey, which new respondents answer."""
    return session.scalar(
        select(SurveyVersion)
        .join(Survey)
        .options(contains_eager(SurveyVersion.survey))
        .where(Survey.slug == slug)
        .order_by(SurveyVersion.number.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class OpenSurvey:
    """A survey residents may start now, with the definition its new respondents answer."""

    survey: Survey
    version: SurveyVersion
    definition: SurveyDefinition


def takes_new_residents(survey: Survey, definition: SurveyDefinition, today: date) -> bool:
    """Published (not taken off line) and not past its closing day."""
    return survey.unpublished_at is None and definition.is_open_on(today)


def open_surveys(session: DbSession, today: date) -> list[OpenSurvey]:
    """Every survey a resident may start on ``today``, in the order they were first published."""
    found = []
    for survey in session.scalars(select(Survey).where(Survey.unpublished_at.is_(None)).order_by(Survey.id)):
        version = current_version(session, survey.slug)
        if version is None:
            continue
        definition = definition_of(version)
        if takes_new_residents(survey, definition, today):
            found.append(OpenSurvey(survey, version, definition))
    return found


def set_published(session: DbSession, survey: Survey, published: bool) -> None:
    """Take a survey off line (it keeps its versions, drafts and responses) or put it back."""
    if published:
        survey.unpublished_at = None
    elif survey.unpublished_at is None:
        survey.unpublished_at = utcnow()
    session.flush()


@dataclass(frozen=True)
class VersionRef:
    """What identifies a published version, read without loading the definition itself."""

    id: int
    number: int
    fingerprint: str


def current_version_ref(session: DbSession, slug: str) -> VersionRef | None:
    """Like ``current_version``, but three columns instead of an ORM object: the API's hot path."""
    row = (
        session.connection()
        .execute(
            select(SurveyVersion.id, SurveyVersion.number, SurveyVersion.fingerprint)
            .join(Survey)
            .where(Survey.slug == slug)
            .order_by(SurveyVersion.number.desc())
            .limit(1)
        )
        .first()
    )
    return VersionRef(*row) if row is not None else None


def definition_by_ref(session: DbSession, ref: VersionRef) -> SurveyDefinition:
    """The parsed definition of a version; the JSON is read from the database only the first time."""
    key = (ref.id, ref.fingerprint)
    definition = _definitions.get(key)
    if definition is None:
        data = session.scalar(select(SurveyVersion.definition).where(SurveyVersion.id == ref.id))
        definition = SurveyDefinition.from_dict(data or {})
        _definitions[key] = definition
    return definition


def publish(session: DbSession, definition: SurveyDefinition) -> PublishResult:
    """Publish ``definition`` as the survey's next version, unless the newest version already says the same.

    A published version is never edited: responses keep pointing at what they answered.
    """
    survey = find_survey(session, definition.slug)
    if survey is None:
        survey = Survey(slug=definition.slug, line=definition.line)
        session.add(survey)
        session.flush()
    survey.line = definition.line
    fingerprint = definition.fingerprint()
    latest = current_version(session, definition.slug)
    if latest is not None and latest.fingerprint == fingerprint:
        return PublishResult(latest, created=False)
    number = (
        session.scalar(select(func.max(SurveyVersion.number)).where(SurveyVersion.survey_id == survey.id)) or 0
    ) + 1
    version = SurveyVersion(survey=survey, number=number, definition=definition.to_dict(), fingerprint=fingerprint)
    session.add(version)
    session.flush()
    return PublishResult(version, created=True)


# Versions never change, so each is parsed once per process. Keyed by fingerprint too, because ids restart
# when a test database is emptied.
_definitions: dict[tuple[int, str], SurveyDefinition] = {}


def definition_of(version: SurveyVersion) -> SurveyDefinition:
    """The parsed definition of a published version."""
    key = (version.id, version.fingerprint)
    definition = _definitions.get(key)
    if definition is None:
        definition = SurveyDefinition.from_dict(version.definition)
        _definitions[key] = definition
    return definition


def ensure_campaign(session: DbSession, survey: Survey, name: str, kind: CampaignKind = CampaignKind.OTHER) -> Campaign:
    """The survey's campaign with this name, created on first use."""
    campaign = session.scalar(select(Campaign).where(Campaign.survey_id == survey.id, Campaign.name == name))
    if campaign is None:
        campaign = Campaign(survey=survey, name=name, kind=kind)
        session.add(campaign)
        session.flush()
    return campaign


def default_survey_files(directory: Path) -> list[Path]:
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
