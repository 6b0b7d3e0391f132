"""What the indicator, pillar and reach views look up and hand to their templates."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import format_decimal

from participation.extensions import db
from participation.geo.areas import wijk_names
from participation.i18n import current_language
from participation.indicators.dashboard import Dashboard
from participation.indicators.definitions import definition_of
from participation.indicators.means import FOCUS_AREA
from participation.indicators.targets import TargetsOverview, target_indicators, targets_overview
from participation.web.disclosure import viewer_disclosure


def language() -> str:
    return current_language().code


def number(value: float | None, percentage: bool = False) -> str:
    """A value with one decimal in the page's language; a share with a percent sign."""
    if value is None:
        return "—"
    text = format_decimal(value, "0.0")
    return f"{text}%" if percentage else text


def signed(value: float | None, percentage: bool = False) -> str:
    """A gap or distance with its sign (a minus sign, not a hyphen)."""
    if value is None:
        return "—"
    text = number(abs(value), percentage)
    return text if value == 0 else f"{'+' if value > 0 else '−'}{text}"


def area_names() -> dict[str, str]:
    """Area code -> name: the focus area and every wijk."""
    return {FOCUS_AREA: str(current_app.config["FOCUS_AREA_NAME"]), **wijk_names(db.session)}


def overview(dashboard: Dashboard | None = None) -> TargetsOverview:
    """The indicators and the progress to targets; from ``dashboard`` when the page has built it already."""
    policy = viewer_disclosure()
    return targets_overview(
        db.session,
        threshold=policy.threshold,
        suppress=policy.suppress,
        municipality_code=str(current_app.config["MUNICIPALITY_CODE"]),
        language=language(),
        dashboard=dashboard,
    )


def helpers() -> dict[str, Any]:
    """The formatters, and the names of areas and indicators (also of indicators without figures yet)."""
    return {
        "number": number,
        "signed": signed,
        "area_names": area_names(),
        "indicator_names": target_indicators(db.session, language()),
        "is_percentage": lambda key: definition_of(key).percentage,
    }
