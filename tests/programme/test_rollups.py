"""Themes and programme inputs rolled up per pillar and per strategic goal, by name and suppressed."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import force_locale

from participation.indicators.targets import Progress, Status
from participation.models import IndicatorTarget, InputStatus, ProgrammeInput
from participation.models.base import DbSession
from participation.models.themes import Pillar
from participation.programme.rollups import programme_rollups, targets_per_status
from tests.factories import WIJK, Seeder

LAST_YEAR = datetime(2023, 6, 1, tzinfo=UTC)


def test_sources_and_inputs_per_pillar_and_goal(session: DbSession, seed: Seeder) -> None:
    litter = seed.theme("litter", pillar=Pillar.HOUSING_AND_ENVIRONMENT, goals=(1, 9))
    green = seed.theme("green", pillar=Pillar.HOUSING_AND_ENVIRONMENT, goals=(1,))
    lonely = seed.theme("lonely", pillar=Pillar.HEALTH_AND_LIVING_TOGETHER, goals=(4,))
    for _ in range(6):
        seed.response([litter, green])  # both themes of one pillar: each response counts once
    seed.response([litter], when=LAST_YEAR)
    for _ in range(3):
        seed.conversation([lonely])
    session.add(ProgrammeInput(wijk_code=WIJK, theme_id=litter.id, title="Meer prullenbakken",
                               status=InputStatus.ADOPTED))  # fmt: skip
    session.add(ProgrammeInput(wijk_code=WIJK, theme_id=lonely.id, title="Koffieochtend", status=InputStatus.DONE))
    session.flush()
    with force_locale("en"):
        rollups = programme_rollups(session, language="en", threshold=5, suppress=True)
    pillars, goals = rollups.pillars, rollups.goals
    assert pillars.labels[1] == "Housing and physical environment" and goals.labels[9] == "More liveability"
    assert pillars.themes[1] == ("Theme green", "Theme litter")
    assert pillars.sources.columns == ("2023", "2024")
    assert pillars.sources.cell(1, "2023").small  # one response
    # Beside the 7 of all years, the 6 of 2024 would give the one away.
    assert pillars.sources.row_totals[1].shown == 7 and pillars.sources.cell(1, "2024").hidden
    assert pillars.sources.cell(2, "2024").small and pillars.sources.cell(2, "2024").value == 3
    assert goals.sources.cell(1, "2024").value == 6 and goals.sources.cell(9, "2024").value == 6
    assert pillars.inputs == {(1, "adopted"): 1, (2, "done"): 1}
    assert goals.inputs == {(1, "adopted"): 1, (9, "adopted"): 1, (4, "done"): 1}
    assert [label for _status, label in pillars.statuses] == ["Adopted", "Done"]
    admin = programme_rollups(session, language="en", threshold=5, suppress=False)
    assert admin.pillars.sources.cell(1, "2024").shown == 6


def test_targets_are_counted_per_pillar_and_goal_by_progress() -> None:
    def item(pillar: int | None, goal: int | None, status: Status) -> Progress:
        goal_target = IndicatorTarget(
            indicator="x", area_code="focus_area", year=2026, value=1, pillar=pillar, goal=goal
        )
        return Progress(goal_target, status, None, None, None)

    progress = [item(5, 9, Status.BEHIND), item(5, 10, Status.BEHIND), item(4, 7, Status.REACHED), item(None, None,
                Status.ON_TRACK)]  # fmt: skip
    assert targets_per_status(progress, by_goal=False) == {(5, "behind"): 2, (4, "reached"): 1}
    assert targets_per_status(progress, by_goal=True) == {(9, "behind"): 1, (10, "behind"): 1, (7, "reached"): 1}
