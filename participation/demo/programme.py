"""Reference values of the Dordrecht average over three years, and programme inputs with their evidence."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from participation.demo.registry import Registry
from participation.models import IndicatorReference, InputEvidence, InputStatus, Priority, ProgrammeInput, Theme
from participation.models.base import DbSession
from participation.models.themes import SubjectType

# The Dordrecht average in the demo's last year: the survey indicators on their own scales (Dordt West scores
# somewhat lower), and a few CBS key figures in percent.
SURVEY_AVERAGES = {
    "rating_neighbourhood": 7.3,
    "safe_day": 4.1,
    "safe_evening": 3.5,
    "contact_neighbours": 3.6,
    "trust_municipality": 3.2,
    "health": 3.8,
}
CBS_FIGURES = {
    "youth_unemployment": 8.4,
    "low_income_households": 9.6,
    "benefit_recipients": 7.1,
    "single_person_households": 39.0,
}
SOURCE = "Demo (synthetic)"
# (theme, title, what residents said, proposed effort, priority, status)
INPUTS = (
    ("litter", "Schone straten", "Zwerfafval bij de containers", "Vaker legen en een opschoondag per kwartaal",
     Priority.HIGH, InputStatus.ADOPTED),
    ("lighting", "Licht in het park", "Onveilig gevoel in het donker", "Extra lantaarnpalen langs de paden",
     Priority.HIGH, InputStatus.IN_PROGRESS),
    ("playgrounds", "Speeltuin vernieuwen", "Oude speeltoestellen", "Ontwerpsessie met kinderen en ouders",
     Priority.MEDIUM, InputStatus.PROPOSED),
    ("language_skills", "Taalcafé uitbreiden", "Vraag naar taalles in de avond", "Een tweede avond in de bibliotheek",
     Priority.MEDIUM, InputStatus.ADOPTED),
    ("housing_quality", "Aanpak schimmel", "Schimmel in flats", "Inspectie en aanpak per complex",
     Priority.HIGH, InputStatus.IN_PROGRESS),
    ("youth_activities", "Jongeren een plek", "Jongeren hangen rond", "Avondopenstelling jongerencentrum",
     Priority.MEDIUM, InputStatus.PROPOSED),
    ("traffic_safety", "Veilig oversteken", "Hardrijders", "Drempels bij de school", Priority.LOW, InputStatus.DONE),
    ("loneliness", "Samen aan tafel", "Eenzame ouderen", "Wekelijkse buurtmaaltijd", Priority.MEDIUM,
     InputStatus.ADOPTED),
)  # fmt: skip


def reference_values(session: DbSession, registry: Registry, rng: random.Random, area_code: str, year: int) -> int:
    """The average per indicator for year-2 .. year, with a small trend; keys already present are left alone."""
    present = set(session.execute(select(IndicatorReference.indicator, IndicatorReference.year).where(
        IndicatorReference.area_code == area_code)).all())  # fmt: skip
    rows = []
    for indicator, latest in {**SURVEY_AVERAGES, **CBS_FIGURES}.items():
        step = latest * rng.uniform(-0.03, 0.03)
        for offset in (2, 1, 0):
            if (indicator, year - offset) in present:
                continue
            value = round(latest - step * offset + rng.uniform(-0.01, 0.01) * latest, 2)
            rows.append({"indicator": indicator, "area_code": area_code, "year": year - offset, "value": value,
                         "source": SOURCE, "details": {"demo": True}})  # fmt: skip
    return len(registry.insert(IndicatorReference, rows))


def programme_inputs(
    session: DbSession,
    registry: Registry,
    rng: random.Random,
    wijken: Sequence[str],
    evidence: dict[str, list[tuple[SubjectType, int, str]]],
    author_id: int,
    now: datetime,
) -> int:
    """Inputs on themes residents raised, each with up to four texts that support it as evidence."""
    themes = {theme.code: theme.id for theme in session.scalars(select(Theme))}
    chosen = [item for item in INPUTS if item[0] in themes]
    rows = []
    for code, title, said, effort, priority, status in chosen:
        created = now - timedelta(days=rng.randint(10, 120))
        rows.append({
            "wijk_code": rng.choice(list(wijken)), "theme_id": themes[code], "title": f"{title} (demo)",
            "residents_said": said, "proposed_effort": effort, "priority": priority, "status": status,
            "public_texts": {"nl": f"U zei: {said.lower()}. Wij doen: {effort.lower()}."},
            "created_by_id": author_id, "created_at": created, "updated_at": created,
        })  # fmt: skip
    input_ids = registry.insert(ProgrammeInput, rows)
    evidence_rows = []
    for input_id, (code, *_rest) in zip(input_ids, chosen, strict=True):
        sources = evidence.get(code, [])
        for subject_type, subject_id, quote in rng.sample(sources, min(4, len(sources))):
            evidence_rows.append({"programme_input_id": input_id, "subject_type": subject_type,
                                  "subject_id": subject_id, "quote": quote, "quote_consent": False})  # fmt: skip
    registry.insert(InputEvidence, evidence_rows)
    return len(input_ids)
