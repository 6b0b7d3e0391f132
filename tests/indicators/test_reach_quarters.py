"""Reach per quarter: the quarters and the year's figure are one table, so a shown year figure never gives a
hidden quarter away."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from participation.accounts.operations import ensure_organisation
from participation.extensions import db
from participation.indicators.dashboard import build_dashboard
from participation.indicators.reach import reach_per_line, reach_per_quarter
from participation.models import Conversation, ConversationSetting
from participation.models.lines import ParticipationLine
from tests.factories import a_location

OUD_KRISPIJN = "BU05050300"  # wijk 03
YEAR = 2025


def conversation(organisation_id: int, month: int, participants: int) -> Conversation:
    return Conversation(
        client_id=f"quarter-{month}-{participants}",
        organisation_id=organisation_id,
        occurred_at=datetime(YEAR, month, 10, 12, tzinfo=UTC),
        line=ParticipationLine.CONTACT,
        setting=ConversationSetting.STREET,
        participants=participants,
        groups={},
        free_tags=[],
        quotes=[],
        location=a_location(OUD_KRISPIJN),
    )


def test_a_small_quarter_stays_hidden_beside_its_years_figure(loaded_app: Flask) -> None:
    with loaded_app.app_context():
        organisation = ensure_organisation(db.session, "Welzijn Dordrecht")
        # Seven residents in February, three in May (too few to show), ten in the year.
        db.session.add_all([conversation(organisation.id, 2, 7), conversation(organisation.id, 5, 3)])
        db.session.commit()
        quarters = {(r.quarter, r.line): r.residents for r in reach_per_quarter(db.session)}
        assert quarters == {(1, "contact"): 7, (2, "contact"): 3}
        assert [r.residents for r in reach_per_line(db.session)] == [10]
        dashboard = build_dashboard(db.session, threshold=5, suppress=True, municipality_code="GM0505")
    row = ("WK050503", "contact")
    table = dashboard.reach_quarters[YEAR]
    assert table.cell(row, 2).small and table.cell(row, 2).shown is None
    # Ten in the year beside a shown seven would give the three away: the seven is hidden too.
    assert table.cell(row, 1).hidden and not table.cell(row, 1).small
    assert table.row_totals[row].shown == 10
    assert dashboard.reach.cell(row, YEAR) == table.row_totals[row]  # the yearly table shows the same figure
    assert table.cell(row, 3).shown == 0
