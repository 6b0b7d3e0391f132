"""The survey responses of the demo year: spread over the focus area's buurten by population, with skew, older
respondents over-represented, campaigns with their peaks, a map point for about 30%, open answers in six
languages, and indicator scores that differ by buurt."""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from participation.demo import phrases
from participation.demo.places import BuurtPoints, locate, location_row
from participation.demo.registry import Registry
from participation.fieldwork.contacts import retention_until
from participation.fieldwork.volunteers import consent_purpose, volunteer_details
from participation.geo import Geocoder
from participation.models import (
    Answer,
    Campaign,
    CampaignKind,
    ConsentRecord,
    Contact,
    ContactKind,
    FollowUpStatus,
    ResponseChannel,
    StoredLocation,
    Survey,
    SurveyResponse,
)
from participation.models.base import DbSession
from participation.responses.places import location_summary
from participation.surveys.answers import drop_hidden, validate_answers
from participation.surveys.model import QuestionType, SurveyDefinition
from participation.surveys.scores import answer_score

# Language of a response: Dutch the majority, the others realistic minorities of Dordt West.
LANGUAGE_SHARES = {"nl": 0.70, "tr": 0.09, "ar": 0.07, "pl": 0.06, "bg": 0.04, "en": 0.04}
# Age answers as surveys get them: older residents answer more than their share, young adults less.
AGE_SHARES = {"12_17": 0.02, "18_24": 0.06, "25_44": 0.22, "45_64": 0.30, "65_plus": 0.34, "no_answer": 0.06}
POINT_SHARE = 0.30  # a point on the map
LIST_SHARE = 0.63  # a buurt (and street) from the list; the rest skip the question
EXACT_CONSENT_SHARE = 0.15  # of the points: the resident allowed the exact point to be kept
GOOD_ANSWERED = 0.75
IMPROVE_ANSWERED = 0.88
WANTS_INVOLVED = 0.2
LEAVES_DETAILS = 0.6
# The campaigns of the year: (name, kind, peak day of the year, spread in days, share of all responses).
CAMPAIGNS = (
    ("Posters met QR-code (demo)", CampaignKind.QR_AT_PLACE, 75, 14, 0.22),
    ("Huis-aan-huis (demo)", CampaignKind.DOOR_TO_DOOR, 165, 10, 0.2),
    ("Flyers buurtfeest (demo)", CampaignKind.FLYER, 255, 12, 0.16),
)
PAPER_SHARE_DOOR_TO_DOOR = 0.55
API_SHARE = 0.04  # the partner app that posts to the API
FIRST_NAMES = ("Anna", "Mehmet", "Fatima", "Piotr", "Ivan", "Sanne", "Youssef", "Kees", "Ayşe", "Marta", "Noor")


@dataclass
class BuurtProfile:
    """How a buurt answers: its liveability (shifts every score) and the themes it talks about most."""

    code: str
    weight: float
    liveability: float
    themes: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class SurveyYear:
    responses: int = 0
    with_point: int = 0
    answers: int = 0
    contacts: int = 0
    texts: list[tuple[int, str, str]] = field(default_factory=list)  # (answer id, text, language)
    by_buurt: dict[str, int] = field(default_factory=dict)


def buurt_profiles(rng: random.Random, codes: Sequence[str], population: Mapping[str, int]) -> list[BuurtProfile]:
    """Per buurt: the share of responses (population times a response propensity from 0.7 to 1.4, so that some
    buurten answer twice as much as others), a liveability from -1 to 1, and its most talked-about themes."""
    profiles = []
    for code in codes:
        propensity = math.exp(rng.uniform(math.log(0.7), math.log(1.4)))
        themes = {
            kind: rng.sample([theme for theme, _ in phrases.FRAGMENTS["nl"][kind]], 3)
            for kind in (phrases.GOOD, phrases.IMPROVE)
        }
        profiles.append(BuurtProfile(code, population.get(code, 0) * propensity, rng.uniform(-1.0, 1.0), themes))
    return profiles


def ensure_campaigns(session: DbSession, registry: Registry, survey: Survey) -> list[Campaign]:
    existing = {c.name: c for c in session.scalars(select(Campaign).where(Campaign.survey_id == survey.id))}
    missing = [
        {"survey_id": survey.id, "name": name, "kind": kind} for name, kind, *_ in CAMPAIGNS if name not in existing
    ]
    registry.insert(Campaign, missing)
    by_name = {c.name: c for c in session.scalars(select(Campaign).where(Campaign.survey_id == survey.id))}
    return [by_name[name] for name, *_ in CAMPAIGNS]


def _weighted(rng: random.Random, shares: Mapping[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _moment(rng: random.Random, start: datetime, end: datetime, peak: int | None, spread: int) -> datetime:
    """A time in [start, end): around day ``peak`` of the year when given, else anywhere, in daytime hours."""
    days = max(1, (end - start).days)
    day = rng.randrange(days) if peak is None else min(days - 1, max(0, round(rng.gauss(peak, spread))))
    # Residents answer from morning to late evening (UTC, an hour or two behind Dutch time).
    seconds = rng.randrange(6 * 3600, 21 * 3600)
    return start + timedelta(days=day, seconds=seconds)


def _score(rng: random.Random, mean: float, low: int, high: int, spread: float) -> int:
    return int(min(high, max(low, round(rng.gauss(mean, spread)))))


def make_answers(
    rng: random.Random,
    definition: SurveyDefinition,
    profile: BuurtProfile,
    language: str,
    location_value: dict[str, Any] | None,
) -> dict[str, Any]:
    """Answers to every question of the survey that a demo respondent can give, by question type."""
    age = _weighted(rng, AGE_SHARES)
    older = age == "65_plus"
    answers: dict[str, Any] = {}
    for question in definition.questions():
        kind = question.type
        if kind is QuestionType.RATING:
            answers[question.id] = _score(rng, 6.7 + 0.9 * profile.liveability, 1, 10, 1.3)
        elif kind is QuestionType.AGREEMENT:
            shift = -0.55 if "evening" in question.id else 0.0
            shift += -0.25 if older and "safe" in question.id else 0.0
            shift += 0.2 if older and "contact" in question.id else 0.0
            answers[question.id] = _score(rng, 3.5 + 0.6 * profile.liveability + shift, 1, 5, 0.9)
        elif kind is QuestionType.SINGLE_CHOICE:
            values = [choice.value for choice in question.choices]
            if question.id == "age_group" or any(value.startswith("age_") for value in values):
                wanted = age if age == "no_answer" else f"age_{age}"
                answers[question.id] = wanted if wanted in values else rng.choice(values)
            elif question.indicator:
                ranked = [value for value in values if value not in {"no_answer", "dont_know", "other"}]
                best = 1.2 - 0.5 * profile.liveability + (0.6 if older else 0.0)
                position = min(len(ranked) - 1, max(0, round(rng.gauss(best, 0.9))))
                answers[question.id] = ranked[position]
            else:
                answers[question.id] = rng.choice(values)
        elif kind is QuestionType.MULTIPLE_CHOICE:
            values = [choice.value for choice in question.choices]
            answers[question.id] = sorted(rng.sample(values, k=min(len(values), rng.randint(1, 2))))
        elif kind is QuestionType.YES_NO:
            answers[question.id] = rng.random() < WANTS_INVOLVED
        elif kind in (QuestionType.LONG_TEXT, QuestionType.SHORT_TEXT):
            improve = "improve" in question.id or "better" in question.id
            text_kind = phrases.IMPROVE if improve else phrases.GOOD
            if rng.random() < (IMPROVE_ANSWERED if improve else GOOD_ANSWERED):
                text, _themes = phrases.compose(rng, language, text_kind, profile.themes[text_kind])
                answers[question.id] = text[: question.max_length] if question.max_length else text
        elif kind is QuestionType.LOCATION:
            answers[question.id] = location_value or {"skipped": True}
        elif kind is QuestionType.CONTACT_CONSENT:
            if rng.random() < LEAVES_DETAILS:
                name = rng.choice(FIRST_NAMES)
                answers[question.id] = {
                    "consent": True,
                    "name": f"{name} (demo)",
                    "email": f"{name.lower().replace('ş', 's')}.{rng.randrange(1000, 9999)}@demo.invalid",
                }
            else:
                answers[question.id] = {"consent": False}
    return drop_hidden(definition, answers)


def generate_responses(
    session: DbSession,
    registry: Registry,
    rng: random.Random,
    geocoder: Geocoder,
    surveys: Sequence[tuple[Survey, int, SurveyDefinition]],
    profiles: Sequence[BuurtProfile],
    total: int,
    period: tuple[datetime, datetime],
    paper_staff: Sequence[int],
    retention_days: int,
) -> SurveyYear:
    """Store ``total`` responses over ``surveys`` (split evenly) and return what was made."""
    result = SurveyYear()
    points = BuurtPoints(geocoder)
    start, end = period
    codes = [profile.code for profile in profiles]
    weights = [profile.weight for profile in profiles]
    for survey_index, (survey, version_id, definition) in enumerate(surveys):
        count = total // len(surveys) + (1 if survey_index < total % len(surveys) else 0)
        campaigns = ensure_campaigns(session, registry, survey)
        location_question = next((q for q in definition.questions() if q.type is QuestionType.LOCATION), None)
        languages = {lang: share for lang, share in LANGUAGE_SHARES.items() if lang in definition.languages}
        planned: list[dict[str, Any]] = []
        for number in range(count):
            buurt = rng.choices(range(len(codes)), weights=weights)[0]
            profile = profiles[buurt]
            language = _weighted(rng, languages)
            draw = rng.random()
            campaign_index = None
            cumulative = 0.0
            for index, (*_, share) in enumerate(CAMPAIGNS):
                cumulative += share
                if draw < cumulative:
                    campaign_index = index
                    break
            if campaign_index is None:
                submitted_at = _moment(rng, start, end, None, 0)
            else:
                _name, _kind, peak, spread, _share = CAMPAIGNS[campaign_index]
                submitted_at = _moment(rng, start, end, peak, spread)
            channel = ResponseChannel.WEB
            if campaign_index is not None and CAMPAIGNS[campaign_index][1] is CampaignKind.DOOR_TO_DOOR:
                if rng.random() < PAPER_SHARE_DOOR_TO_DOOR:
                    channel = ResponseChannel.PAPER
            elif rng.random() < API_SHARE:
                channel = ResponseChannel.API
            place = rng.random()
            location_value: dict[str, Any] | None = None
            if location_question is not None and place < POINT_SHARE:
                lat, lon = points.point(rng, profile.code)
                location_value = {
                    "lat": lat,
                    "lon": lon,
                    "source": "map",
                    "exact_consent": rng.random() < EXACT_CONSENT_SHARE,
                }
            elif location_question is not None and place < POINT_SHARE + LIST_SHARE:
                location_value = {"buurt": profile.code}
            answers = make_answers(rng, definition, profile, language, location_value)
            problems = validate_answers(definition, answers)
            if problems:
                raise ValueError(f"demo answers are not valid for {survey.slug}: {problems}")
            code = hashlib.sha256(f"{rng.getrandbits(128)}".encode()).hexdigest()
            planned.append(
                {
                    "number": number,
                    "buurt": profile.code,
                    "answers": answers,
                    "location_question": location_question.id if location_question else None,
                    "response": {
                        "survey_version_id": version_id,
                        "language": language,
                        "channel": channel,
                        "campaign_id": campaigns[campaign_index].id if campaign_index is not None else None,
                        "submission_key": f"demo-{code[:40]}",
                        "receipt_code_hash": code,
                        "entered_by_id": rng.choice(paper_staff) if channel is ResponseChannel.PAPER else None,
                        "submitted_at": submitted_at,
                    },
                }
            )
        _store(registry, geocoder, definition, planned, result, retention_days)
    return result


def _store(
    registry: Registry,
    geocoder: Geocoder,
    definition: SurveyDefinition,
    planned: list[dict[str, Any]],
    result: SurveyYear,
    retention_days: int,
) -> None:
    """Geocode, then insert locations, responses, answers and volunteers' contacts, one statement per table."""
    located: list[tuple[dict[str, Any], StoredLocation]] = []
    for item in planned:
        question_id = item["location_question"]
        value = item["answers"].get(question_id) if question_id else None
        location = locate(geocoder, value) if value else None
        if question_id and value:
            if location is None:
                item["answers"].pop(question_id)
            else:
                item["answers"][question_id] = location_summary(location)
                location.geocoded_at = item["response"]["submitted_at"]
                located.append((item, location))
                if location.latitude is not None or "lat" in value:
                    result.with_point += 1
    location_ids = registry.insert(StoredLocation, [location_row(location) for _, location in located])
    for (item, location), location_id in zip(located, location_ids, strict=True):
        item["response"]["location_id"] = location_id
        result.by_buurt[location.buurt_code or ""] = result.by_buurt.get(location.buurt_code or "", 0) + 1
    response_ids = registry.insert(SurveyResponse, [item["response"] for item in planned])
    result.responses += len(response_ids)
    answer_rows = []
    text_rows: list[tuple[int, str, str]] = []
    texts = {q.id for q in definition.questions() if q.type in (QuestionType.LONG_TEXT, QuestionType.SHORT_TEXT)}
    for item, response_id in zip(planned, response_ids, strict=True):
        for position, (question_id, value) in enumerate(item["answers"].items()):
            answer_rows.append(
                {
                    "response_id": response_id,
                    "question_id": question_id,
                    "position": position,
                    "value": value,
                    "score": answer_score(definition.question(question_id), value),
                }
            )
            if question_id in texts:
                text_rows.append((len(answer_rows) - 1, value, item["response"]["language"]))
    answer_ids = registry.insert(Answer, answer_rows)
    result.answers += len(answer_ids)
    result.texts.extend((answer_ids[index], text, language) for index, text, language in text_rows)
    _volunteers(registry, definition, planned, response_ids, result, retention_days)


def _volunteers(
    registry: Registry,
    definition: SurveyDefinition,
    planned: list[dict[str, Any]],
    response_ids: list[int],
    result: SurveyYear,
    retention_days: int,
) -> None:
    """The contacts a submission makes of residents who offered to take part (``fieldwork.volunteers``), with
    their consent, without the audit event: nobody registered them."""
    contacts: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    for item, response_id in zip(planned, response_ids, strict=True):
        found = volunteer_details(definition, item["answers"])
        if found is None:
            continue
        question_id, answer = found
        submitted_at: datetime = item["response"]["submitted_at"]
        contacts.append(
            {
                "kind": ContactKind.ACTIVE_RESIDENT,
                "name": str(answer.get("name") or ""),
                "email": str(answer.get("email") or ""),
                "phone": str(answer.get("phone") or ""),
                "retain_until": retention_until(submitted_at.date(), retention_days),
                "source_response_id": response_id,
                "follow_up": FollowUpStatus.NEW,
                "created_at": submitted_at,
            }
        )
        consents.append({"purpose": consent_purpose(definition, question_id), "given_at": submitted_at})
    contact_ids = registry.insert(Contact, contacts)
    for consent, contact_id in zip(consents, contact_ids, strict=True):
        consent["contact_id"] = contact_id
    registry.insert(ConsentRecord, consents)
    result.contacts += len(contact_ids)


def year_period(year: int, now: datetime) -> tuple[datetime, datetime]:
    """The year from 1 January to its end, or to now when the year is still running."""
    start = datetime(year, 1, 1, tzinfo=UTC)
    end = min(datetime(year + 1, 1, 1, tzinfo=UTC), now)
    if end <= start + timedelta(days=7):
        raise ValueError(f"the year {year} has not begun yet")
    return start, end
