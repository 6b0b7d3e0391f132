"""The templates draw every data table with the one ``data_table`` macro."""

from __future__ import annotations

import re

from flask import Flask, render_template_string

from tests.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "participation"
MACROS = PACKAGE / "templates" / "macros.html"


def test_no_template_writes_a_table_by_hand() -> None:
    templates = set(PACKAGE.rglob("*.html"))
    assert MACROS in templates
    by_hand = sorted(
        str(path.relative_to(PROJECT_ROOT))
        for path in templates - {MACROS}
        if re.search(r"<table\b", path.read_text(encoding="utf-8"), re.IGNORECASE)
    )
    assert by_hand == []


TABLE = """{% from "macros.html" import data_table %}
{% call data_table("t", "Counts", headers, footer=footer, hide_caption=hidden) %}<tr><td>row</td></tr>{% endcall %}"""


def test_the_total_row_header_spans_the_columns_before_the_figures(app: Flask) -> None:
    with app.test_request_context():
        html = render_template_string(
            TABLE, headers=["Code", "Name", ("Sources", "number")], footer=["Total", 7], hidden=False
        )
    assert '<tfoot><tr>\n    <th scope="row" colspan="2">Total</th>' in html
    assert '<td class="number">7</td>' in html
    assert '<caption id="t-caption">Counts</caption>' in html


def test_a_table_without_total_row_has_no_foot_and_may_hide_its_caption(app: Flask) -> None:
    with app.test_request_context():
        html = render_template_string(TABLE, headers=["Theme", ("Q1", "number")], footer=None, hidden=True)
    assert "<tfoot>" not in html
    assert '<caption id="t-caption" class="visually-hidden">Counts</caption>' in html
    assert 'role="region" aria-labelledby="t-caption"' in html
