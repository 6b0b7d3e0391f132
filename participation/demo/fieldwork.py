"""The field work of the demo year: four organisations with a dozen professionals along the four lines, their
conversations, places, activities, a few contacts with consent, and follow-ups to partners."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from participation.demo import phrases
from participation.demo.places import BuurtPoints, locate, location_row
from participation.demo.registry import Registry
from participation.demo.survey_year import BuurtProfile
from participation.fieldwork.contacts import retention_until
from participation.geo import Geocoder
from participation.models import (
    Activity,
    ActivityKind,
    CodingOrigin,
    CodingStatus,
    ConsentRecord,
    Contact,
    ContactKind,
    Conversation,
    ConversationSetting,
    FollowUpSignal,
    Mood,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Role,
    SignalStatus,
    StaffUser,
    StoredLocation,
    SubjectType,
    Theme,
    ThemeCoding,
)
from participation.models.lines import ParticipationLine

# A password hash no password matches (argon2 refuses to read it), so no demo account can be signed in to.
UNUSABLE_PASSWORD = "!demo-account-without-password"  # noqa: S105 - not a password: matches none
# (name, kind, its lines with weights, professionals)
ORGANISATIONS = (
    ("Welzijn Dordt West (demo)", OrganisationKind.WELFARE,
     {ParticipationLine.CONTACT: 5, ParticipationLine.CONNECT: 3, ParticipationLine.INVOLVE: 2}, 4),
    ("Woningcorporatie Dordt (demo)", OrganisationKind.HOUSING_CORPORATION,
     {ParticipationLine.CONTACT: 4, ParticipationLine.EXPLORE: 3, ParticipationLine.INVOLVE: 1}, 3),
    ("Gemeente Dordrecht wijkteam (demo)", OrganisationKind.MUNICIPALITY,
     {ParticipationLine.EXPLORE: 3, ParticipationLine.INVOLVE: 4, ParticipationLine.CONNECT: 1}, 3),
    ("Jongerenwerk Dordt (demo)", OrganisationKind.WELFARE,
     {ParticipationLine.CONTACT: 3, ParticipationLine.CONNECT: 4, ParticipationLine.INVOLVE: 1}, 2),
)  # fmt: skip
BUREAU = ("Programmabureau Dordt West (demo)", OrganisationKind.PROGRAMME_BUREAU)
PROFESSIONALS = ("Sanne de Vries", "Mehmet Yilmaz", "Fatima El Amrani", "Joost Bakker", "Ewa Kowalska",
                 "Ruud Jansen", "Naima Bouzid", "Kees van Dijk", "Latifa Ouali", "Daan Visser",
                 "Iva Petrova", "Bram Smit")  # fmt: skip
SETTINGS = {ConversationSetting.DOORSTEP: 4, ConversationSetting.STREET: 4, ConversationSetting.SQUARE: 2,
            ConversationSetting.EVENT: 2, ConversationSetting.COMMUNITY_CENTRE: 3, ConversationSetting.SCHOOL: 1,
            ConversationSetting.ONLINE: 0.3}  # fmt: skip
NOTE_LANGUAGES = {"nl": 0.78, "en": 0.05, "tr": 0.06, "ar": 0.04, "pl": 0.04, "bg": 0.03}
PLACES = (
    ("Buurthuis De Kring", PlaceKind.COMMUNITY_CENTRE, "Koffieochtend op dinsdag"),
    ("Moskee Wielwijk", PlaceKind.PLACE_OF_WORSHIP, "Na het vrijdaggebed"),
    ("Basisschool De Regenboog", PlaceKind.SCHOOL, "Schoolplein om half negen"),
    ("Markt Crabbehof", PlaceKind.MARKET, "Zaterdagmarkt"),
    ("Voetbalkooi Oud Krispijn", PlaceKind.SPORTS_CLUB, "Woensdagmiddag"),
    ("Speeltuin Nieuw Krispijn", PlaceKind.PLAYGROUND, "Na schooltijd"),
    ("Poolse winkel Zuidendijk", PlaceKind.SHOP, "Zaterdagochtend"),
    ("Bibliotheek Dordt West", PlaceKind.OTHER, "Taalcafé op donderdag"),
    ("Kerk Crabbehof", PlaceKind.PLACE_OF_WORSHIP, "Zondag na de dienst"),
    ("Wijkcentrum Wielwijk", PlaceKind.COMMUNITY_CENTRE, "Inloop op maandag"),
)
ACTIVITY_TITLES = {
    ActivityKind.MEETING: ("Bewonersavond", "Overleg met de huurdersvereniging", "Buurtpreventie-overleg"),
    ActivityKind.SESSION: ("Ontwerpsessie speeltuin", "Werksessie groen in de straat", "Jongerenpanel"),
    ActivityKind.NEIGHBOURHOOD_WALK: ("Schouw met bewoners", "Avondwandeling verlichting", "Wijkwandeling"),
    ActivityKind.OTHER: ("Buurtfeest", "Opschoondag", "Taalcafé"),
}
CONSENT_PURPOSE = "Uitgenodigd worden voor bewonersbijeenkomsten"
MOODS = {Mood.POSITIVE: 0.35, Mood.NEUTRAL: 0.4, Mood.NEGATIVE: 0.25}
AGE_BANDS = ("12_17", "18_24", "25_44", "45_64", "65_plus")
SIGNALS = ("Kapotte lantaarnpaal doorgegeven", "Gezin met schulden, graag contact", "Grofvuil naast de container",
           "Schimmel in de woning, inspectie gevraagd", "Oudere bewoner is eenzaam, graag bezoek")  # fmt: skip


@dataclass
class FieldYear:
    organisations: dict[str, int] = field(default_factory=dict)
    professionals: list[tuple[int, int, dict[ParticipationLine, float]]] = field(default_factory=list)
    analyst_id: int = 0
    conversations: int = 0
    activities: int = 0
    places: int = 0
    contacts: int = 0
    signals: int = 0
    texts: list[tuple[int, str, str]] = field(default_factory=list)  # (conversation id, notes, language)


def create_staff(registry: Registry, rng: random.Random, now: datetime) -> FieldYear:
    """The organisations, a dozen professionals and one analyst of the bureau (who 'reviewed' the codings)."""
    result = FieldYear()
    names = [name for name, *_ in ORGANISATIONS] + [BUREAU[0]]
    kinds = [kind for _, kind, *_ in ORGANISATIONS] + [BUREAU[1]]
    organisation_ids = registry.insert(
        Organisation,
        [{"name": name, "kind": kind, "receives_follow_ups": True} for name, kind in zip(names, kinds, strict=True)],
    )
    result.organisations = dict(zip(names, organisation_ids, strict=True))
    people = list(PROFESSIONALS)
    staff_rows = []
    lines = []
    for (_name, _kind, line_weights, members), organisation_id in zip(ORGANISATIONS, organisation_ids, strict=False):
        for _ in range(members):
            person = people.pop(0)
            staff_rows.append(_staff_row(person, Role.PROFESSIONAL, organisation_id, now))
            lines.append((organisation_id, {line: float(weight) for line, weight in line_weights.items()}))
    staff_ids = registry.insert(StaffUser, staff_rows)
    result.professionals = [(staff_id, org, weights) for staff_id, (org, weights) in zip(staff_ids, lines, strict=True)]
    (result.analyst_id,) = registry.insert(
        StaffUser, [_staff_row("Analist Programmabureau", Role.ANALYST, organisation_ids[-1], now)]
    )
    return result


def _staff_row(name: str, role: Role, organisation_id: int, now: datetime) -> dict[str, Any]:
    address = name.lower().replace(" ", ".").replace("é", "e")
    return {
        "email": f"{address}@demo.invalid",
        "password_hash": UNUSABLE_PASSWORD,
        "role": role,
        "organisation_id": organisation_id,
        "active": True,
        "created_at": now,
    }


def _point_location(
    rng: random.Random, geocoder: Geocoder, points: BuurtPoints, buurt: str, when: datetime
) -> dict[str, Any] | None:
    lat, lon = points.point(rng, buurt)
    location = locate(geocoder, {"lat": lat, "lon": lon, "source": "map", "exact_consent": True})
    if location is None:
        return None
    location.geocoded_at = when
    return location_row(location)


def generate_fieldwork(
    registry: Registry,
    rng: random.Random,
    geocoder: Geocoder,
    staff: FieldYear,
    profiles: Sequence[BuurtProfile],
    themes: dict[str, Theme],
    conversations: int,
    period: tuple[datetime, datetime],
    retention_days: int,
) -> None:
    """Places, activities and conversations (with contacts, consents, follow-ups and the professional's themes)."""
    points = BuurtPoints(geocoder)
    start, end = period
    days = max(1, (end - start).days)
    codes = [profile.code for profile in profiles]
    weights = [max(profile.weight, 1.0) for profile in profiles]

    # Places: public places of the neighbourhood, so their exact point may be kept.
    place_locations = []
    place_rows = []
    for name, place_kind, moment in PLACES:
        organisation_id = rng.choice(staff.professionals)[1]
        place_locations.append(_point_location(rng, geocoder, points, rng.choices(codes, weights)[0], start))
        place_rows.append({"name": f"{name} (demo)", "kind": place_kind, "moment": moment,
                           "organisation_id": organisation_id,
                           "contact_organisation": "", "created_at": start})  # fmt: skip
    located = [(row, loc) for row, loc in zip(place_rows, place_locations, strict=True) if loc is not None]
    for (row, _), location_id in zip(
        located, registry.insert(StoredLocation, [loc for _, loc in located]), strict=True
    ):
        row["location_id"] = location_id
    place_ids = registry.insert(Place, place_rows)
    staff.places = len(place_ids)

    # Activities: about one a week over the year.
    activity_rows = []
    for number in range(max(4, days // 6)):
        author_id, organisation_id, line_weights = rng.choice(staff.professionals)
        kind = rng.choices(list(ACTIVITY_TITLES), weights=[3, 3, 2, 2])[0]
        held = (start + timedelta(days=rng.randrange(days))).date()
        activity_rows.append(
            {
                "client_id": f"demo-activity-{number:05d}",
                "title": rng.choice(ACTIVITY_TITLES[kind]),
                "kind": kind,
                "held_on": held,
                "line": rng.choices(list(line_weights), weights=list(line_weights.values()))[0],
                "attendance": rng.randint(5, 60),
                "notes": phrases.compose(rng, "nl", phrases.IMPROVE)[0],
                "place_id": rng.choice(place_ids) if place_ids and rng.random() < 0.6 else None,
                "organisation_id": organisation_id,
                "author_id": author_id,
                "created_at": start + timedelta(days=(held - start.date()).days, hours=18),
            }
        )
    staff.activities = len(registry.insert(Activity, activity_rows))

    # Conversations, with a resident registered as a contact now and then.
    rows: list[dict[str, Any]] = []
    locations: list[dict[str, Any] | None] = []
    notes: list[tuple[str, str, list[str]]] = []
    contacts: list[dict[str, Any] | None] = []
    signals: list[tuple[str, int] | None] = []
    partner_ids = list(staff.organisations.values())[:-1]
    for number in range(conversations):
        author_id, organisation_id, line_weights = rng.choice(staff.professionals)
        buurt = rng.choices(range(len(codes)), weights=weights)[0]
        profile = profiles[buurt]
        occurred = start + timedelta(days=rng.randrange(days), seconds=rng.randrange(8 * 3600, 19 * 3600))
        language = rng.choices(list(NOTE_LANGUAGES), weights=list(NOTE_LANGUAGES.values()))[0]
        mood = rng.choices(list(MOODS), weights=list(MOODS.values()))[0]
        text_kind = phrases.GOOD if mood is Mood.POSITIVE else phrases.IMPROVE
        text, text_themes = phrases.compose(rng, language, text_kind, profile.themes[text_kind])
        quotes = [phrases.compose(rng, language, text_kind)[0]] if rng.random() < 0.3 else []
        setting = rng.choices(list(SETTINGS), weights=list(SETTINGS.values()))[0]
        resident_languages = sorted({language} | ({"nl"} if rng.random() < 0.5 else set()))
        rows.append(
            {
                "client_id": f"demo-conversation-{number:05d}",
                "author_id": author_id,
                "organisation_id": organisation_id,
                "occurred_at": occurred,
                "line": rng.choices(list(line_weights), weights=list(line_weights.values()))[0],
                "setting": setting,
                "participants": rng.randint(5, 25) if setting is ConversationSetting.EVENT else rng.randint(1, 4),
                "groups": {
                    "age_bands": sorted(rng.sample(AGE_BANDS, rng.randint(1, 2))),
                    "languages": resident_languages,
                },
                "free_tags": [],
                "notes": text,
                "quotes": quotes,
                "mood": mood,
                "created_at": occurred + timedelta(hours=rng.randint(1, 30)),
                "updated_at": occurred + timedelta(hours=rng.randint(1, 30)),
            }
        )
        notes.append((text, language, text_themes))
        locations.append(_point_location(rng, geocoder, points, profile.code, occurred) if rng.random() < 0.7 else None)
        if rng.random() < 0.04:
            contacts.append(
                {
                    "kind": ContactKind.ACTIVE_RESIDENT if rng.random() < 0.8 else ContactKind.KEY_ORGANISATION,
                    "name": f"{rng.choice(PROFESSIONALS).split()[0]} (demo)",
                    "email": f"bewoner.{number}@demo.invalid",
                    "buurt_code": profile.code,
                    "organisation_id": organisation_id,
                    "retain_until": retention_until(occurred.date(), retention_days),
                    "created_at": occurred,
                    "_author": author_id,
                }
            )
        else:
            contacts.append(None)
        signals.append((rng.choice(SIGNALS), rng.choice(partner_ids)) if rng.random() < 0.05 else None)

    stored = [location for location in locations if location is not None]
    location_ids = iter(registry.insert(StoredLocation, stored))
    for row, location in zip(rows, locations, strict=True):
        row["location_id"] = next(location_ids) if location is not None else None
    made = [contact for contact in contacts if contact is not None]
    contact_ids = registry.insert(Contact, [{k: v for k, v in c.items() if k != "_author"} for c in made])
    registry.insert(ConsentRecord, [
        {"contact_id": contact_id, "purpose": CONSENT_PURPOSE, "given_at": c["created_at"],
         "recorded_by_id": c["_author"]}
        for contact_id, c in zip(contact_ids, made, strict=True)
    ])  # fmt: skip
    staff.contacts = len(contact_ids)
    contact_iter = iter(contact_ids)
    for row, contact in zip(rows, contacts, strict=True):
        row["contact_id"] = next(contact_iter) if contact is not None else None
    conversation_ids = registry.insert(Conversation, rows)
    staff.conversations = len(conversation_ids)
    signal_rows = []
    for conversation_id, signal, logged in zip(conversation_ids, signals, rows, strict=True):
        if signal is None:
            continue
        status = rng.choice(list(SignalStatus))
        occurred_at: datetime = logged["occurred_at"]
        changed = occurred_at + timedelta(days=rng.randint(1, 20))
        signal_rows.append({
            "conversation_id": conversation_id, "description": signal[0], "partner_organisation_id": signal[1],
            "status": status, "created_at": logged["created_at"],
            "status_changed_at": None if status is SignalStatus.OPEN else changed,
            "closed_at": changed if status.closed else None,
        })  # fmt: skip
    staff.signals = len(registry.insert(FollowUpSignal, signal_rows))
    # Half the professionals tick the themes they heard on the form (``conversations._code_themes``).
    codings = []
    for conversation_id, (text, language, text_themes), row in zip(conversation_ids, notes, rows, strict=True):
        if rng.random() < 0.5:
            for code in dict.fromkeys(text_themes):
                if code in themes:
                    codings.append({
                        "theme_id": themes[code].id, "subject_type": SubjectType.CONVERSATION,
                        "subject_id": conversation_id, "origin": CodingOrigin.PROFESSIONAL,
                        "status": CodingStatus.ACCEPTED, "double_code": False, "coded_by_id": row["author_id"],
                        "created_at": row["created_at"], "details": {},
                    })  # fmt: skip
        else:
            staff.texts.append((conversation_id, text, language))
    registry.insert(ThemeCoding, codings)
