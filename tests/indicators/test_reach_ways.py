"""Responses per wijk by the kind of campaign that brought them and the channel they came in on, suppressed so that
neither table gives the other's hidden figures away."""

from __future__ import annotations

from participation.disclosure import DisclosedTable, disclose_table
from participation.indicators.reach import (
    NO_CAMPAIGN_KEY,
    UNKNOWN_WIJK,
    ReachChannel,
    ResponseWays,
    reach_channel,
    responses_by_way,
    ways_tables,
)
from participation.models import CampaignKind, ResponseChannel, Role, StaffUser
from participation.models.base import DbSession
from tests.factories import BUURT_A, BUURT_OTHER, OTHER_WIJK, WIJK, Seeder


def test_responses_are_counted_by_campaign_kind_channel_and_wijk(session: DbSession) -> None:
    seeder = Seeder(session)
    seeder.areas()
    staff = StaffUser(
        email="f@example.org", password_hash="x", role=Role.PROFESSIONAL, organisation=seeder.organisation
    )
    session.add(staff)
    session.flush()
    posters = seeder.campaign("Posters Krispijn", CampaignKind.QR_AT_PLACE)
    doors = seeder.campaign("Deur aan deur", CampaignKind.DOOR_TO_DOOR)
    for _ in range(3):
        seeder.response([], BUURT_A, campaign=posters)
    seeder.response([], BUURT_A, campaign=doors, channel=ResponseChannel.PAPER, entered_by_id=staff.id)
    seeder.response([], BUURT_OTHER, campaign=doors, channel=ResponseChannel.WEB, entered_by_id=staff.id)
    seeder.response([], BUURT_OTHER, channel=ResponseChannel.API)
    seeder.response([], None)
    ways = responses_by_way(session)
    assert ways.by_campaign == {
        ("qr", WIJK): 3,
        ("door_to_door", WIJK): 1,
        ("door_to_door", OTHER_WIJK): 1,
        (NO_CAMPAIGN_KEY, OTHER_WIJK): 1,
        (NO_CAMPAIGN_KEY, UNKNOWN_WIJK): 1,
    }
    assert ways.by_channel == {
        ("web", WIJK): 3,
        ("paper", WIJK): 1,
        ("field", OTHER_WIJK): 1,  # typed in by a professional, not from paper
        ("api", OTHER_WIJK): 1,
        ("web", UNKNOWN_WIJK): 1,
    }
    assert ways.per_wijk == {WIJK: 4, OTHER_WIJK: 2, UNKNOWN_WIJK: 1}


def test_reach_channels() -> None:
    assert reach_channel("paper", True) is ReachChannel.PAPER
    assert reach_channel("web", True) is ReachChannel.FIELD
    assert reach_channel("api", False) is ReachChannel.API
    assert reach_channel("web", False) is ReachChannel.WEB


def test_a_total_hidden_in_one_table_is_hidden_in_the_other() -> None:
    by_campaign = {("qr", "A"): 2, ("flyer", "A"): 1, ("door_to_door", "A"): 6, ("qr", "B"): 12, ("qr", "C"): 12,
                   ("flyer", "C"): 3, ("door_to_door", "C"): 2}  # fmt: skip
    by_channel = {("web", "A"): 3, ("paper", "A"): 6, ("web", "B"): 11, ("paper", "B"): 1, ("web", "C"): 15,
                  ("paper", "C"): 2}  # fmt: skip
    per_wijk = {"A": 9, "B": 12, "C": 17}
    wijken = ["A", "B", "C"]

    def alone(counts: dict[tuple[str, str], int]) -> DisclosedTable[str, str]:
        rows = sorted({row for row, _wijk in counts})
        return disclose_table(counts, rows, wijken, threshold=5, row_totals=True, column_totals=per_wijk,
                              grand_total=38)  # fmt: skip

    # Each table on its own: the campaigns hide the totals of A and B, the channels would show them (9 and 12).
    assert {w for w in wijken if alone(by_campaign).column_totals[w].hidden} == {"A", "B"}
    assert not any(alone(by_channel).column_totals[w].hidden for w in wijken)
    tables = ways_tables(ResponseWays(by_campaign, by_channel, per_wijk), threshold=5, suppress=True)
    for table in (tables.by_campaign, tables.by_channel):
        assert {w for w in wijken if table.column_totals[w].hidden} >= {"A", "B"}
        assert not any(0 < cell.value < 5 and not cell.hidden for cell in table.every_cell())
    assert {w for w in wijken if tables.by_campaign.column_totals[w].hidden} == {
        w for w in wijken if tables.by_channel.column_totals[w].hidden
    }
    # A hidden total in a column of the channels cannot stand alone: another figure of that column is hidden too.
    for wijk in ("A", "B"):
        assert sum(tables.by_channel.cell(c, wijk).hidden for c in tables.by_channel.rows) >= 1
    unsuppressed = ways_tables(ResponseWays(by_campaign, by_channel, per_wijk), threshold=5, suppress=False)
    assert not any(cell.hidden for cell in unsuppressed.by_campaign.every_cell())
