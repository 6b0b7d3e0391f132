"""The one list of age bands that surveys and conversation logs share (``age_bands.yaml`` beside this module).

A survey's age question takes its choices from it (``choices_from: age_bands``, answers "age_<band>"); a
conversation log keeps the bands of the residents who took part ("<band>"). The dashboard weights survey
responses with the CBS key figures per buurt, whose bands split at 15, 25, 45 and 65: each adult band is weighted
with the population band it lies in, and children and young people are counted but not weighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from participation.surveys.model import Texts

SOURCE = Path(__file__).with_name("age_bands.yaml")
CHOICE_PREFIX = "age_"
# The list a survey question names in ``choices_from`` to get the age bands as its first choices.
SHARED_CHOICES = "age_bands"
# Age band -> band of the CBS key figures its residents are counted in; "18_24" lies in "15_24".
POPULATION_BANDS = {"18_24": "15_24", "25_44": "25_44", "45_64": "45_64", "65_plus": "65_plus"}


@dataclass(frozen=True)
class AgeBand:
    band: str
    label: Texts

    @property
    def choice_value(self) -> str:
        """The value a survey stores for this band."""
        return CHOICE_PREFIX + self.band


@cache
def age_bands() -> tuple[AgeBand, ...]:
    entries = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    return tuple(AgeBand(str(entry["band"]), Texts.of(entry["label"])) for entry in entries)


def band_codes() -> tuple[str, ...]:
    return tuple(age_band.band for age_band in age_bands())


def survey_choices(languages: list[str]) -> list[dict[str, Any]]:
    """The bands as a survey definition's choices, labelled in the survey's languages (English where missing)."""
    return [
        {"value": band.choice_value, "label": {code: band.label.get(code, "en") for code in languages}}
        for band in age_bands()
    ]


def population_band(answer: str) -> str:
    """The CBS population band an age answer ("age_18_24") is weighted in, or "" (no age, or under 18)."""
    return POPULATION_BANDS.get(answer.removeprefix(CHOICE_PREFIX), "") if answer.startswith(CHOICE_PREFIX) else ""
