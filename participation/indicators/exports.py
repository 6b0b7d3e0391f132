"""The dashboard's tables as spreadsheet rows, with the same suppression as on screen."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from participation.audit.exports import ExportedFigures, record_export
from participation.disclosure import DisclosurePolicy
from participation.disclosure.text import cell_value
from participation.indicators.dashboard import Dashboard
from participation.indicators.means import FOCUS_AREA, MUNICIPALITY
from participation.models import StaffUser
from participation.models.base import DbSession
from participation.models.lines import LINE_LABELS, ParticipationLine
from participation.printing.spreadsheets import Rows, Value


def _area(code: str, names: Mapping[str, str], focus_name: str) -> str:
    if code == FOCUS_AREA:
        return focus_name
    if code == MUNICIPALITY:
        return str(_("Whole municipality"))
    return names.get(code, code)


def dashboard_sheets(
    dashboard: Dashboard,
    labels: Mapping[str, str],
    wijk_names: Mapping[str, str],
    focus_name: str,
    buurt_names: Mapping[str, str] | None = None,
) -> dict[str, Rows]:
    """The sheets by name; lines, areas and indicators by name in the viewer's language (buurten with their CBS
    code beside the name, to join other CBS figures on)."""
    k = dashboard.threshold
    buurt_names = buurt_names or {}
    indicators: list[list[Value]] = [
        [str(_("Indicator")), str(_("Area")), str(_("Year")), "n", str(_("Mean")), str(_("Lower bound (95%)")),
         str(_("Upper bound (95%)")), str(_("Weighted mean")), str(_("Dordrecht average"))]
    ]  # fmt: skip
    for view in dashboard.indicators:
        for year in view.years:
            for area in view.areas:
                cell = view.cells.get((area, year))
                if cell is None or cell.mean is None:
                    continue
                reference: Value = view.reference.get(year, "")
                row: list[Value] = [
                    labels.get(view.indicator, view.indicator),
                    _area(area, wijk_names, focus_name),
                    year,
                ]
                if cell.hidden:
                    row += [cell_value(cell.count, k), "", "", "", "", reference]
                else:
                    mean = cell.mean
                    row += [
                        cell.count.value,
                        round(mean.mean, 3),
                        round(mean.low, 3) if mean.low is not None else "",
                        round(mean.high, 3) if mean.high is not None else "",
                        round(cell.weighted.mean, 3) if cell.weighted else "",
                        reference,
                    ]
                indicators.append(row)
    reach: list[list[Value]] = [[str(_("Wijk")), str(_("Participation line")), *dashboard.reach.columns]]
    for wijk, line in dashboard.reach.rows:
        cells = [cell_value(dashboard.reach.cell((wijk, line), year), k) for year in dashboard.reach.columns]
        reach.append([_area(wijk, wijk_names, focus_name), str(LINE_LABELS[ParticipationLine(line)]), *cells])
    responses: list[list[Value]] = [[str(_("Buurt")), str(_("Code")), *dashboard.rates.columns]]
    for buurt in dashboard.rates.rows:
        cells = [cell_value(dashboard.rates.cell(buurt, year), k) for year in dashboard.rates.columns]
        responses.append([buurt_names.get(buurt, buurt), buurt, *cells])
    return {
        str(_("Indicators")): indicators,
        str(_("Reach per participation line")): reach,
        str(_("Response per buurt")): responses,
    }


def record_dashboard_export(session: DbSession, dashboard: Dashboard, fmt: str, actor: StaffUser) -> None:
    """The dashboard's figures leave the app: who took them, in which form and under which suppression, is kept."""
    policy = DisclosurePolicy(threshold=dashboard.threshold, suppress=dashboard.reach.suppressed)
    record_export(session, ExportedFigures.DASHBOARD, actor=actor, fmt=fmt, policy=policy)
