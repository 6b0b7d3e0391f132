"""Loading and clearing the demo year: a synthetic year of the focus area, deterministic for a seed.

Everything is inserted in bulk through the session and committed once by the caller; every row is registered in
``demo_record`` (``demo.registry``) so that ``clear`` removes exactly the demo and nothing else.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select

from participation.demo import codings, fieldwork, population, programme, survey_year
from participation.demo.registry import Registry, clear_demo, demo_loaded
from participation.geo import Geocoder
from participation.indicators.tallies import rebuild_tallies
from participation.models import Conversation, SurveyResponse, Theme
from participation.models.base import DbSession, utcnow
from participation.models.themes import SubjectType
from participation.responses.publishing import open_surveys

RESPONSES = 3000
CONVERSATIONS = 800


class DemoRefused(Exception):
    """The demo cannot be loaded (or cleared) here; the message says why and what to do."""


@dataclass(frozen=True)
class DemoOptions:
    year: int
    seed: int = 1
    # Fraction of the full size: tests load a smaller year; 1.0 is about 3,000 responses and 800 conversations.
    scale: float = 1.0
    municipality_code: str = "GM0505"
    retention_days: int = 730


def refuse_if_not_empty(session: DbSession) -> None:
    """The demo never mixes into real data: refuse when it is loaded already, or any response or conversation
    exists (all are real then)."""
    if demo_loaded(session):
        raise DemoRefused("demo data is loaded already; remove it first with `flask demo clear`")
    if session.scalar(select(exists().where(SurveyResponse.id.is_not(None)))):
        raise DemoRefused("this database holds survey responses; the demo is only loaded into an empty year")
    if session.scalar(select(exists().where(Conversation.id.is_not(None)))):
        raise DemoRefused("this database holds conversations; the demo is only loaded into an empty year")


def load_demo(
    session: DbSession, geocoder: Geocoder, options: DemoOptions, now: datetime | None = None
) -> dict[str, int]:
    """Fill the database with the demo year; flush, do not commit. Returns rows made per table."""
    now = now or utcnow()
    refuse_if_not_empty(session)
    surveys = [(item.survey, item.version.id, item.definition) for item in open_surveys(session, now.date())]
    if not surveys:
        raise DemoRefused("no published survey to answer; run `flask content load` first")
    try:
        period = survey_year.year_period(options.year, now)
    except ValueError as error:
        raise DemoRefused(str(error)) from error

    def rng(part: str) -> random.Random:
        # One generator per part: a change in one part does not shift the draws of the others.
        return random.Random(f"{options.seed}:{part}")  # noqa: S311 - made-up data, nothing secret

    registry = Registry(session)
    focus = [buurt.code for buurt in geocoder.boundaries.buurten if buurt.code in geocoder.focus_codes]
    residents = population.population_by_buurt(session, options.year)
    if not all(residents.get(code) for code in focus):
        estimate = population.estimate_population(geocoder, rng("population"))
        missing = {code: value for code, value in estimate.items() if code not in residents}
        population.store_estimate(registry, options.year, missing)
        residents = {**estimate, **residents}
    profiles = survey_year.buurt_profiles(rng("buurten"), focus, residents)

    staff = fieldwork.create_staff(registry, rng("staff"), period[0])
    paper_staff = [staff_id for staff_id, *_ in staff.professionals]
    responses = survey_year.generate_responses(
        session, registry, rng("responses"), geocoder, surveys, profiles,
        round(RESPONSES * options.scale), period, paper_staff, options.retention_days,
    )  # fmt: skip
    themes = {theme.code: theme for theme in session.scalars(select(Theme))}
    fieldwork.generate_fieldwork(
        registry, rng("fieldwork"), geocoder, staff, profiles, themes,
        round(CONVERSATIONS * options.scale), period, options.retention_days,
    )  # fmt: skip
    texts = [(SubjectType.ANSWER, answer_id, text, language) for answer_id, text, language in responses.texts]
    texts += [(SubjectType.CONVERSATION, cid, text, language) for cid, text, language in staff.texts]
    coded = codings.code_texts(session, registry, rng("codings"), texts, staff.analyst_id, period[1])
    programme.reference_values(session, registry, rng("references"), options.municipality_code, options.year)
    wijken = sorted({buurt.wijk_code for buurt in geocoder.boundaries.buurten if buurt.code in geocoder.focus_codes})
    programme.programme_inputs(
        session, registry, rng("programme"), wijken, coded.accepted_texts, staff.analyst_id, period[1]
    )
    registry.save()
    rebuild_tallies(session)
    session.flush()
    return registry.counts()


def clear(session: DbSession) -> dict[str, int]:
    """Remove every demo row and nothing else, then rebuild the tallies from what remains; flush only."""
    if not demo_loaded(session):
        return {}
    deleted = clear_demo(session)
    rebuild_tallies(session)
    session.flush()
    return deleted
