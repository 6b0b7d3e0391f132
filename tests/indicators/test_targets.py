"""Indicators beyond the survey beside the Dordrecht average, and progress to the targets of the programme."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from participation.indicators.dashboard import build_dashboard
from participation.indicators.gaps import indicator_series
from participation.indicators.targets import (
    Status,
    TargetError,
    TargetImportError,
    TargetValue,
    delete_target,
    import_targets,
    progress,
    progress_of_targets,
    read_targets_csv,
    set_target,
)
from participation.models import AuditEvent, IndicatorReference, IndicatorTarget, PopulationCount, Role, StaffUser
from participation.models.base import DbSession
from tests.factories import BUURT_A, BUURT_OTHER, OTHER_WIJK, WIJK, Seeder


def target(value: float, year: int) -> IndicatorTarget:
    return IndicatorTarget(indicator="youth_unemployment", area_code="focus_area", year=year, value=value)


@pytest.mark.parametrize(
    ("values", "higher", "as_of", "status", "distance"),
    [
        ({2022: 14.0, 2024: 11.0}, False, None, Status.REACHED, 0.0),  # lower is better: 11 <= 12
        ({2022: 16.0, 2024: 14.0}, False, None, Status.ON_TRACK, 2.0),  # a line 16 -> 12 by 2026 expects 14 in 2024
        ({2022: 16.0, 2024: 15.0}, False, None, Status.BEHIND, 3.0),
        ({2024: 15.0}, False, None, Status.TOO_EARLY, 3.0),
        ({}, False, None, Status.NO_DATA, None),
        ({2022: 16.0, 2026: 13.0}, False, None, Status.BEHIND, 1.0),  # the target's year came and it was missed
        ({2022: 16.0, 2024: 14.0, 2025: 11.0}, False, 2024, Status.ON_TRACK, 2.0),  # a report of 2024 sees 2024
        ({2022: 6.0, 2024: 7.5}, True, None, Status.ON_TRACK, 0.5),  # higher is better: 6 -> 8 expects 7 in 2024
    ],
)
def test_progress_to_a_target(
    values: dict[int, float], higher: bool, as_of: int | None, status: Status, distance: float | None
) -> None:
    goal = target(8.0 if higher else 12.0, 2026)
    found = progress(goal, values, higher, as_of=as_of)
    assert found.status is status
    assert found.distance == (pytest.approx(distance) if distance is not None else None)


def areas_only(session: DbSession) -> Seeder:
    """The test wijken and buurten, without the seeder's placeholder survey (which feeds no indicator)."""
    seeder = Seeder(session)
    session.delete(seeder.version)
    session.delete(seeder.survey)
    seeder.areas()
    return seeder


def reference(session: DbSession, indicator: str, area: str, year: int, value: float) -> None:
    session.add(IndicatorReference(indicator=indicator, area_code=area, year=year, value=value, source="CBS"))


def test_key_figures_beside_the_dordrecht_average_with_the_gap(session: DbSession) -> None:
    areas_only(session)
    # 2023: the focus area's own figure; 2024: worked out from the wijken, weighted by their residents (3:1).
    reference(session, "youth_unemployment", "focus_area", 2023, 12.0)
    reference(session, "youth_unemployment", WIJK, 2024, 10.0)
    reference(session, "youth_unemployment", OTHER_WIJK, 2024, 14.0)
    reference(session, "youth_unemployment", "GM0505", 2023, 8.0)
    reference(session, "youth_unemployment", "GM0505", 2024, 12.0)
    for buurt, residents in ((BUURT_A, 300), (BUURT_OTHER, 100)):
        session.add(PopulationCount(buurt_code=buurt, year=2024, age_band="25_44", sex="all", count=residents))
    reference(session, "volunteering", "focus_area", 2024, 20.0)
    reference(session, "volunteering", "GM0505", 2024, 25.0)
    session.flush()
    dashboard = build_dashboard(session, threshold=5, suppress=True, municipality_code="GM0505")
    with force_locale("en"):  # names come in the locale of the request; here there is none, so set it
        found = indicator_series(session, dashboard, municipality_code="GM0505", language="en")
    series = {item.key: item for item in found}
    youth = series["youth_unemployment"]
    assert youth.name == "Youth unemployment" and not youth.higher_is_better and not youth.from_survey
    first, second = youth.years
    assert (first.year, first.focus.value, first.average, first.gap) == (2023, 12.0, 8.0, 4.0)
    assert first.better is False  # more youth unemployment than the city: worse
    assert second.focus.from_wijken and second.focus.value == pytest.approx((10.0 * 300 + 14.0 * 100) / 400)
    assert second.gap == pytest.approx(-1.0) and second.better is True
    (volunteers,) = series["volunteering"].years
    assert volunteers.gap == -5.0 and volunteers.better is False  # fewer volunteers than the city: worse


def test_progress_follows_the_series_of_the_targets_area(session: DbSession) -> None:
    areas_only(session)
    reference(session, "youth_unemployment", "focus_area", 2022, 16.0)
    reference(session, "youth_unemployment", "focus_area", 2024, 14.0)
    reference(session, "youth_unemployment", WIJK, 2024, 20.0)
    session.flush()
    dashboard = build_dashboard(session, threshold=5, suppress=True, municipality_code="GM0505")
    series = indicator_series(session, dashboard, municipality_code="GM0505", language="en")
    focus = IndicatorTarget(indicator="youth_unemployment", area_code="focus_area", year=2026, value=12.0)
    wijk = IndicatorTarget(indicator="youth_unemployment", area_code=WIJK, year=2026, value=12.0)
    done = IndicatorTarget(indicator="youth_unemployment", area_code="focus_area", year=2030, value=14.5)
    found = progress_of_targets([focus, wijk, done], series)
    assert [item.status for item in found] == [Status.ON_TRACK, Status.TOO_EARLY, Status.REACHED]
    assert found[1].latest == 20.0 and found[1].distance == 8.0


def analyst(session: DbSession) -> StaffUser:
    seeder = Seeder(session)
    user = StaffUser(email="a@example.org", password_hash="x", role=Role.ANALYST, organisation=seeder.organisation)
    session.add(user)
    session.flush()
    return user


def test_targets_are_set_replaced_refused_and_removed_with_an_audit_trail(session: DbSession) -> None:
    by = analyst(session)
    known, areas = {"youth_unemployment"}, {"focus_area", WIJK}
    first = set_target(session, TargetValue("youth_unemployment", "focus_area", 2026, 12.0, 4, 7), indicators=known,
                       areas=areas, by=by)  # fmt: skip
    set_target(session, TargetValue("youth_unemployment", "focus_area", 2026, 11.0, note="raised"), indicators=known,
               areas=areas, by=by)  # fmt: skip
    rows = session.scalars(select(IndicatorTarget)).all()
    assert len(rows) == 1 and rows[0].id == first.id and rows[0].value == 11.0 and rows[0].pillar is None
    for bad, field in (
        (TargetValue("made_up", "focus_area", 2026, 1.0), "indicator"),
        (TargetValue("youth_unemployment", "BU05050300", 2026, 1.0), "area_code"),
        (TargetValue("youth_unemployment", "focus_area", 1800, 1.0), "year"),
        (TargetValue("youth_unemployment", "focus_area", 2026, float("nan")), "value"),
        (TargetValue("youth_unemployment", "focus_area", 2026, 1.0, pillar=6), "pillar"),
        (TargetValue("youth_unemployment", "focus_area", 2026, 1.0, goal=11), "goal"),
        (TargetValue("youth_unemployment", "focus_area", 2026, 1.0, note="x" * 501), "note"),
    ):
        with pytest.raises(TargetError) as refused:
            set_target(session, bad, indicators=known, areas=areas, by=by)
        assert refused.value.field == field
    assert session.scalar(select(func.count()).select_from(IndicatorTarget)) == 1
    delete_target(session, first.id, by=by)
    assert session.scalar(select(func.count()).select_from(IndicatorTarget)) == 0
    actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["indicator_target.set", "indicator_target.set", "indicator_target.deleted"]
    with pytest.raises(TargetError):
        delete_target(session, first.id, by=by)


def test_a_targets_file_is_taken_whole_or_not_at_all(session: DbSession, tmp_path: Path) -> None:
    known, areas = {"youth_unemployment", "rating_neighbourhood"}, {"focus_area", WIJK}
    good = tmp_path / "targets.csv"
    good.write_text(
        "indicator,year,value,area_code,pillar,goal,note\n"
        "youth_unemployment,2026,12,,4,7,halve the gap\n"
        f'rating_neighbourhood,2027,"7,2",{WIJK},5,9,\n',
        encoding="utf-8",
    )
    targets = read_targets_csv(good, known, areas)
    assert targets == [
        TargetValue("youth_unemployment", "focus_area", 2026, 12.0, 4, 7, "halve the gap"),
        TargetValue("rating_neighbourhood", WIJK, 2027, 7.2, 5, 9, ""),
    ]
    assert import_targets(session, targets, source="targets.csv") == 2
    assert session.scalar(select(func.count()).select_from(IndicatorTarget)) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,year,value,area_code\n"
        "youth_unemployment,2026,12,\n"
        "made_up,2026,1,\n"
        "youth_unemployment,twenty,1,\n"
        "youth_unemployment,2026,1,BU05050300\n"
        "youth_unemployment,2026,13,\n",
        encoding="utf-8",
    )
    with pytest.raises(TargetImportError) as refused:
        read_targets_csv(bad, known, areas)
    message = str(refused.value)
    for line in ("row 3", "row 4", "row 5", "row 6"):
        assert line in message, message
    assert "row 2:" not in message
    missing = tmp_path / "missing.csv"
    missing.write_text("indicator,value\nyouth_unemployment,1\n", encoding="utf-8")
    with pytest.raises(TargetImportError, match="missing columns: year"):
        read_targets_csv(missing, known, areas)
