"""The reach page's two tables (campaign kind and channel, by wijk) with their names, and as CSV rows with the same
suppression as on screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from participation.audit.exports import ExportedFigures, record_export
from participation.disclosure import Cell, DisclosedTable, DisclosurePolicy
from participation.disclosure.text import cell_value
from participation.indicators.reach import (
    NO_CAMPAIGN_KEY,
    REACH_CHANNEL_LABELS,
    UNKNOWN_WIJK,
    ReachChannel,
    WaysTables,
)
from participation.models import StaffUser
from participation.models.base import DbSession
from participation.printing.spreadsheets import Value
from participation.responses.labels import CAMPAIGN_KIND_LABELS, NO_CAMPAIGN


@dataclass(frozen=True)
class ReachLabels:
    """Names in the viewer's language for the rows (kinds of campaign, channels) and columns (wijken)."""

    campaigns: dict[str, str]
    channels: dict[str, str]
    wijken: dict[str, str]

    def wijk(self, code: str) -> str:
        return self.wijken.get(code, code)


def reach_labels(area_names: Mapping[str, str]) -> ReachLabels:
    campaigns = {kind.value: str(label) for kind, label in CAMPAIGN_KIND_LABELS.items()}
    campaigns[NO_CAMPAIGN_KEY] = str(NO_CAMPAIGN)
    channels = {channel.value: str(REACH_CHANNEL_LABELS[channel]) for channel in ReachChannel}
    wijken = {**area_names, UNKNOWN_WIJK: str(_("Place unknown"))}
    return ReachLabels(campaigns, channels, wijken)


def _table_rows(
    table: DisclosedTable[str, str], corner: str, names: Mapping[str, str], labels: ReachLabels
) -> list[list[Value]]:
    k = table.threshold

    def text(cell: Cell | None) -> Value:
        return "" if cell is None else cell_value(cell, k)

    rows: list[list[Value]] = [[corner, *(labels.wijk(code) for code in table.columns), str(_("Total"))]]
    for key in table.rows:
        rows.append(
            [names.get(key, key), *(text(table.cell(key, c)) for c in table.columns), text(table.row_totals.get(key))]
        )
    rows.append([str(_("Total")), *(text(table.column_totals.get(c)) for c in table.columns), text(table.grand_total)])
    return rows


def reach_rows(tables: WaysTables, labels: ReachLabels) -> list[list[Value]]:
    """Both tables one under the other, a blank row between them."""
    return [
        *_table_rows(tables.by_campaign, str(_("Campaign")), labels.campaigns, labels),
        [],
        *_table_rows(tables.by_channel, str(_("Channel")), labels.channels, labels),
    ]


def record_reach_export(session: DbSession, tables: WaysTables, actor: StaffUser) -> None:
    """Figures leave the app: who took them and under which suppression is kept."""
    table = tables.by_campaign
    policy = DisclosurePolicy(threshold=table.threshold, suppress=table.suppressed)
    record_export(session, ExportedFigures.REACH, actor=actor, fmt="csv", policy=policy)
