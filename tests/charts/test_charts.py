"""The SVG charts: well formed, titled and described, figures placed in order, gaps where a figure is hidden, labels
escaped, colours with contrast, right-to-left labels written right to left, and the same chart on a PDF page."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from participation.charts import Bar, BarGroup, IntervalRow, Series, bar_chart, course_chart, interval_chart
from participation.charts.palette import AXIS, BACKGROUND, INTERVAL, MUTED, REFERENCE, SERIES, TEXT, contrast
from participation.charts.printing import place_chart
from participation.charts.scale import LinearScale
from participation.charts.svg import Chart, fit
from participation.printing.document import new_document, use_language

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg()))  # noqa: S314 - our own output, parsed to prove it is well-formed


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{{{NS['svg']}}}text")]


def intervals(rows: list[IntervalRow], reference: float | None = 7.0) -> Chart:
    return interval_chart(
        "chart-test", "Mark per area", "The mean per area.", rows, reference=reference,
        reference_label="Dordrecht average", tick_text=str,
    )  # fmt: skip


def test_a_chart_is_well_formed_titled_and_described() -> None:
    root = parse(intervals([IntervalRow("Oud Krispijn", 7.5, 6.9, 8.1, "7.5")]))
    assert root.get("role") == "img" and root.get("width") == "100%" and root.get("viewBox", "").startswith("0 0 ")
    title_id, description_id = (root.get("aria-labelledby") or "").split()
    assert root.find(f"svg:title[@id='{title_id}']", NS) is not None
    description = root.find(f"svg:desc[@id='{description_id}']", NS)
    assert description is not None and description.text == "The mean per area."
    # The page's Content-Security-Policy forbids inline styles: presentation attributes only.
    assert all("style" not in element.attrib for element in root.iter())
    assert "Oud Krispijn" in texts(root)


def test_means_and_their_intervals_are_placed_in_order() -> None:
    rows = [IntervalRow(f"Area {i}", mean, mean - 0.5, mean + 0.5, str(mean)) for i, mean in enumerate((5.0, 6.5, 8.0))]
    root = parse(intervals(rows))
    dots = [float(circle.get("cx") or 0) for circle in root.iter(f"{{{NS['svg']}}}circle")]
    assert len(dots) == 3 and dots == sorted(dots) and dots[0] < dots[1] < dots[2]
    # The reference line (7.0) stands between the second and the third mean.
    dashed = [line for line in root.iter(f"{{{NS['svg']}}}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1 and dots[1] < float(dashed[0].get("x1") or 0) < dots[2]


def test_a_hidden_figure_is_a_gap_with_its_reason() -> None:
    rows = [
        IntervalRow("Shown", 7.0, 6.0, 8.0, "7.0"),
        IntervalRow("Small", None, None, None, "fewer than 5"),
    ]
    chart = intervals(rows)
    root = parse(chart)
    assert len(list(root.iter(f"{{{NS['svg']}}}circle"))) == 1
    assert "fewer than 5" in texts(root)
    assert all("Small" not in (title.text or "") for title in root.iter(f"{{{NS['svg']}}}title"))
    bars = bar_chart(
        "bars", "Responses", "Per buurt.", [BarGroup("", [Bar("A", 12, "12"), Bar("B", None, "hidden")])],
        axis_label="Responses", tick_text=str,
    )  # fmt: skip
    bar_root = parse(bars)
    drawn = [rect for rect in bar_root.iter(f"{{{NS['svg']}}}rect") if rect.get("fill") in SERIES]
    assert len(drawn) == 1 and "hidden" in texts(bar_root)


def test_bars_grow_with_their_figures_from_zero() -> None:
    values = [3, 10, 25, 40]
    chart = bar_chart(
        "bars", "Reach", "Per quarter.",
        [BarGroup("Explore", [Bar(f"Q{i + 1}", v, str(v)) for i, v in enumerate(values[:2])]),
         BarGroup("Involve", [Bar(f"Q{i + 3}", v, str(v), series=2) for i, v in enumerate(values[2:])])],
        axis_label="Residents", tick_text=str, whole=True,
    )  # fmt: skip
    root = parse(chart)
    rects = [r for r in root.iter(f"{{{NS['svg']}}}rect") if r.get("fill") in SERIES]
    widths = [float(r.get("width") or 0) for r in rects]
    starts = {r.get("x") for r in rects}
    assert widths == sorted(widths) and len(set(widths)) == 4 and len(starts) == 1
    assert widths[1] / widths[0] == pytest.approx(10 / 3, rel=0.02)  # coordinates are rounded to 0.1
    assert {"Explore", "Involve"} <= set(texts(root))  # each group named, so colour is not the only cue
    assert rects[-1].get("fill") == SERIES[2]


def test_a_line_rises_with_its_values_and_breaks_at_a_gap() -> None:
    chart = course_chart(
        "course", "Mark over the years", "Per year.", ["2023", "2024", "2025", "2026"],
        [Series("Dordt West", [6.0, 6.5, None, 7.5], ["6.0", "6.5", "fewer than 5", "7.5"]),
         Series("Dordrecht average", [7.0, 7.0, 7.1, 7.2], ["7.0", "7.0", "7.1", "7.2"])],
        tick_text=str,
    )  # fmt: skip
    root = parse(chart)
    dots = [(float(c.get("cx") or 0), float(c.get("cy") or 0)) for c in root.iter(f"{{{NS['svg']}}}circle")]
    plotted = [dot for dot in dots if dot[0] > 60]  # the legend's sample marker stands at the left
    assert len(plotted) == 3
    ys = [y for _x, y in sorted(plotted)]
    assert list(ys) == sorted(ys, reverse=True)  # higher value, higher on the drawing (smaller y)
    lines = [p for p in root.iter(f"{{{NS['svg']}}}polyline") if p.get("stroke") == SERIES[0]]
    # 2023-2024 drawn as a line, 2026 alone (no bridge over the hidden 2025), plus the legend's sample.
    assert len(lines) == 2
    dashes = {p.get("stroke-dasharray") for p in root.iter(f"{{{NS['svg']}}}polyline")}
    assert len(dashes) == 2  # the two series differ in dash, not only in colour


@pytest.mark.parametrize("label", ["<script>alert(1)</script>", "{{x}}", 'Buurt "A" & B'])
def test_labels_are_escaped(label: str) -> None:
    chart = intervals([IntervalRow(label, 7.0, 6.0, 8.0, "7.0")], reference=None)
    markup = str(chart.svg())
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup or "<script" not in label
    # Read back, the label is the text itself (cut to fit), not markup.
    assert fit(label, 18) in texts(ET.fromstring(markup))  # noqa: S314 - our own output


def test_right_to_left_labels_are_written_right_to_left() -> None:
    chart = intervals(
        [IntervalRow("أقل من 5", None, None, None, "أقل من 5"), IntervalRow("Oud Krispijn", 7, 6, 8, "7")]
    )
    root = parse(chart)
    arabic = [t for t in root.iter(f"{{{NS['svg']}}}text") if t.text == "أقل من 5"]
    latin = [t for t in root.iter(f"{{{NS['svg']}}}text") if t.text == "Oud Krispijn"]
    assert arabic and all(t.get("direction") == "rtl" for t in arabic)
    # Area names stand right-aligned against the plot: "end" for a left-to-right label, "start" for an Arabic one.
    assert arabic[0].get("text-anchor") == "start" and latin[0].get("text-anchor") == "end"
    assert latin[0].get("direction") is None


def test_colours_keep_their_contrast() -> None:
    for colour in (TEXT, MUTED, AXIS, REFERENCE):
        assert contrast(colour, BACKGROUND) >= 4.5, colour
    for colour in (*SERIES, INTERVAL):
        assert contrast(colour, BACKGROUND) >= 3.0, colour
    assert len(set(SERIES)) == len(SERIES)


def test_a_scale_rounds_out_to_readable_ticks() -> None:
    scale = LinearScale.covering([3.2, 8.7], 0, 100)
    assert scale.low <= 3.2 and scale.high >= 8.7
    assert scale(scale.low) == 0 and scale(scale.high) == 100
    assert LinearScale.covering([0, 1], 0, 100, whole=True, from_zero=True).ticks() == [0, 1]
    assert LinearScale.covering([], 0, 100, from_zero=True).ticks()


def test_on_a_pdf_page_the_shapes_are_drawn_and_the_labels_written() -> None:
    chart = intervals(
        [IntervalRow("Oud Krispijn", 7.5, 6.9, 8.1, "7,5"), IntervalRow("أقل", None, None, None, "أقل من 5")]
    )
    printed = ET.fromstring(chart.print_svg())  # noqa: S314 - our own output
    assert printed.find("svg:title", NS) is None and not list(printed.iter(f"{{{NS['svg']}}}text"))
    for language in ("nl", "ar"):
        with new_document("chart") as pdf:
            use_language(pdf, language)
            pdf.add_page()
            height = place_chart(pdf, chart, 20, 20, 120)
            data = bytes(pdf.output())
        assert height == pytest.approx(chart.height * 120 / chart.width)
        page = PdfReader(io.BytesIO(data)).pages[0]
        text = page.extract_text()
        assert "Oud Krispijn" in text and "7,5" in text and "Dordrecht average" in text
        # The marks: the dot in the first series' colour (#0072b2) and the interval's line (#5b8db8).
        content = page.get_contents()
        assert content is not None
        assert b"0 0.4471 0.698 rg" in content.get_data() and b"0.3569 0.5529 0.7216 RG" in content.get_data()
