"""``flask indicators import-targets``: all rows or none, every bad row named, the import audited."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, IndicatorTarget


def test_targets_are_imported_whole_or_refused_row_by_row(loaded_app: Flask, tmp_path: Path) -> None:
    runner = loaded_app.test_cli_runner()
    good = tmp_path / "targets.csv"
    good.write_text(
        "indicator,year,value,area_code,pillar,goal,note\n"
        "youth_unemployment,2027,10,,4,7,\n"
        "rating_neighbourhood,2027,7.5,WK050503,5,9,Half a point up\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["indicators", "import-targets", str(good)])
    assert result.exit_code == 0 and "Targets: 2 stored." in result.output, result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,year,value,area_code\n"
        "youth_unemployment,2028,9,\n"
        "youth_unemployment,2028,9,WK050101\n"  # a wijk outside the focus area
        "not_an_indicator,2028,1,\n"
        "rating_neighbourhood,2028,lots,\n",
        encoding="utf-8",
    )
    refused = runner.invoke(args=["indicators", "import-targets", str(bad)])
    assert refused.exit_code == 1
    assert "row 3" in refused.output and "row 4" in refused.output and "row 5" in refused.output
    assert "row 2:" not in refused.output
    with loaded_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(IndicatorTarget)) == 2  # nothing of the bad file
        stored = db.session.scalar(select(IndicatorTarget).where(IndicatorTarget.area_code == "WK050503"))
        assert stored is not None and (stored.value, stored.pillar, stored.goal) == (7.5, 5, 9)
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "indicator_targets.imported"))
        assert event is not None and event.details == {"count": 2, "file": "targets.csv"}
