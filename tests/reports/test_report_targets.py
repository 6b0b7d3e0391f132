"""The yearly report's section on progress to targets: the same rows in the HTML and the PDF."""

from __future__ import annotations

import re

from flask import Flask
from flask_babel import force_locale

from participation.extensions import db
from participation.models import IndicatorTarget
from participation.reports import yearly_html
from tests.reports.data import Filled
from tests.reports.test_yearly import build, render_pdf


def test_targets_due_this_year_or_later_with_their_progress(loaded_app: Flask, filled: Filled) -> None:
    year = filled.year
    with loaded_app.app_context():
        for due, value in ((year - 1, 9.0), (year, 7.0), (year + 2, 5.5)):
            db.session.add(
                IndicatorTarget(indicator="rating_neighbourhood", area_code="focus_area", year=due, value=value)
            )
        db.session.add(IndicatorTarget(indicator="youth_unemployment", area_code="focus_area", year=year, value=10))
        db.session.commit()
        report = build(year, suppress=True)
        lines = {(line.indicator, line.year): line for line in report.targets}
        mark = "What mark do you give your neighbourhood?"
        assert set(lines) == {(mark, year), (mark, year + 2), ("Youth unemployment", year)}
        behind, reached = lines[(mark, year)], lines[(mark, year + 2)]
        assert (behind.status_key, behind.latest_year, behind.area) == ("behind", year, "Dordt West")
        assert round(behind.latest or 0, 1) == 5.9 and round(behind.distance or 0, 1) == 1.1
        assert (reached.status_key, reached.distance) == ("reached", 0.0)
        assert lines[("Youth unemployment", year)].status_key == "no_data"
        text = render_pdf(report)
        with force_locale("en"):
            html = yearly_html(report)
    assert "Progress to targets" in text
    row = r"What mark do you give your neighbourhood\? Dordt West \d{4} 7\.0 5\.9 \(\d{4}\) Behind 1\.1"
    assert re.search(row, text)
    assert html.count('data-status="behind"') == 1 and html.count('data-status="reached"') == 1
    assert "Youth unemployment" in html and "youth_unemployment" not in html
