"""What the platform knows of each indicator: its name in the user's language and which way is better.

Survey indicators are named by the question that feeds them (``sources.indicator_labels``) and are all scored so
that a higher mean is better (ratings, agreement, health ranked best first: see ``surveys.scores``). Reference
indicators imported from CBS key figures and the like (``flask indicators import-reference``) are named here; most
of them are shares of residents in trouble, where lower is better. A key the platform does not know is shown by
its key made readable and counted as higher-is-better; add it here to give it a name and a direction.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from participation.indicators.sources import indicator_labels
from participation.models.base import DbSession


@dataclass(frozen=True)
class IndicatorDefinition:
    key: str
    label: LazyString | None  # None: named by the survey question that feeds it
    higher_is_better: bool = True
    percentage: bool = False  # a share of residents in %, rather than a mean on a scale


def _reference(key: str, label: LazyString, *, higher_is_better: bool = False) -> IndicatorDefinition:
    return IndicatorDefinition(key, label, higher_is_better=higher_is_better, percentage=True)


# i18n: names of neighbourhood indicators from CBS key figures and city monitors, shown beside the survey's own.
DEFINITIONS: dict[str, IndicatorDefinition] = {
    definition.key: definition
    for definition in (
        IndicatorDefinition("rating_neighbourhood", None),
        IndicatorDefinition("safe_day", None),
        IndicatorDefinition("safe_evening", None),
        IndicatorDefinition("contact_neighbours", None),
        IndicatorDefinition("trust_municipality", None),
        IndicatorDefinition("health", None),
        _reference("youth_unemployment", _l("Youth unemployment")),
        _reference("unemployment", _l("Unemployment")),
        _reference("social_assistance", _l("Residents on social assistance")),
        _reference("low_income_households", _l("Households on a low income")),
        _reference("early_school_leavers", _l("Early school leavers")),
        _reference("child_poverty", _l("Children growing up in poverty")),
        _reference("loneliness", _l("Residents who feel lonely")),
        _reference("feels_unsafe", _l("Residents who sometimes feel unsafe")),
        _reference("good_health", _l("Residents in good health"), higher_is_better=True),
        _reference("volunteering", _l("Residents who volunteer"), higher_is_better=True),
        IndicatorDefinition("registered_crime", _l("Registered crimes per 1,000 residents"), higher_is_better=False),
    )
}


def definition_of(key: str) -> IndicatorDefinition:
    """The indicator's definition; a key nobody defined counts as higher-is-better and is named by its key."""
    return DEFINITIONS.get(key) or IndicatorDefinition(key, None)


def higher_is_better(key: str) -> bool:
    return definition_of(key).higher_is_better


def readable_key(key: str) -> str:
    """``youth_unemployment_18_26`` as ``Youth unemployment 18 26``: the last resort for a key nobody named."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def indicator_names(session: DbSession, language: str, keys: set[str] | None = None) -> dict[str, str]:
    """Indicator key -> its name in ``language`` (call inside the request or ``force_locale``): the question text
    for survey indicators, the name above for reference indicators, the readable key otherwise."""
    from_questions = indicator_labels(session, language)
    names = {key: str(definition.label) for key, definition in DEFINITIONS.items() if definition.label is not None}
    names.update(from_questions)
    for key in keys or set():
        names.setdefault(key, readable_key(key))
    return names
