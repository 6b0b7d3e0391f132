"""A report's year runs on the programme's clock, not on UTC, so a New Year's night conversation lands in its year."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from participation.reports.queries import YearSpan

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_half_past_midnight_on_new_years_day_in_dordrecht_belongs_to_the_new_year() -> None:
    span = YearSpan(2026, AMSTERDAM)
    moment = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January 2026 in Dordrecht
    assert span.start <= moment < span.end
    assert span.day_of(moment) == date(2026, 1, 1)
    assert not YearSpan(2025, AMSTERDAM).start <= moment < YearSpan(2025, AMSTERDAM).end
