"""A tiny SVG writer for the charts: shapes and labels on a fixed coordinate system (the viewBox), written with
``xml.etree`` so that every label and attribute is escaped, and styled with presentation attributes only (the
Content-Security-Policy forbids ``style=``).

A chart is drawn once and written in two forms: inline in a page (scalable, titled and described for screen
readers) and for print, where the labels are left out of the SVG and handed to the PDF writer, which shapes them
(Arabic joined, right to left) as the SVG renderer of fpdf2 cannot.
"""

from __future__ import annotations

import enum
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from participation.charts.palette import BACKGROUND, TEXT

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NAMESPACE)

# Strong right-to-left characters (Hebrew, Arabic and their presentation forms): a label holding one is written
# right to left, whatever the page's language.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
FONT_SIZE = 13.0  # in viewBox units; charts are about 360 wide, so on a phone this is about 13 px


class Align(enum.StrEnum):
    """Where a label stands against its x: its left edge, its middle or its right edge, in any script."""

    LEFT = "left"
    CENTRE = "centre"
    RIGHT = "right"


@dataclass(frozen=True)
class Label:
    """A text on the chart, kept apart from the shapes so the PDF can write it with its own text engine."""

    x: float
    y: float  # the baseline
    text: str
    align: Align = Align.LEFT
    size: float = FONT_SIZE
    bold: bool = False
    colour: str = TEXT

    @property
    def right_to_left(self) -> bool:
        return bool(RIGHT_TO_LEFT.search(self.text))

    @property
    def anchor(self) -> str:
        """The SVG text-anchor: it runs with the writing direction, so a right-to-left label flips it."""
        if self.align is Align.CENTRE:
            return "middle"
        starts_left = self.align is Align.LEFT
        return "start" if starts_left != self.right_to_left else "end"


def number(value: float) -> str:
    """A coordinate as SVG wants it: short, with a point."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass
class Chart:
    """One chart: ``title`` names it, ``description`` says in words what it shows (for screen readers)."""

    chart_id: str
    width: float
    height: float
    title: str
    description: str
    shapes: list[ET.Element] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)

    def add(self, tag: str, attributes: dict[str, str | float], tooltip: str = "") -> ET.Element:
        element = ET.Element(
            f"{{{SVG_NAMESPACE}}}{tag}",
            {key.replace("_", "-"): number(v) if isinstance(v, float | int) else v for key, v in attributes.items()},
        )
        if tooltip:
            ET.SubElement(element, f"{{{SVG_NAMESPACE}}}title").text = tooltip
        self.shapes.append(element)
        return element

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1.0, dash: str = "") -> None:
        attributes: dict[str, str | float] = {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": colour}
        attributes["stroke_width"] = width
        if dash:
            attributes["stroke_dasharray"] = dash
        self.add("line", attributes)

    def rect(self, x: float, y: float, width: float, height: float, colour: str, tooltip: str = "") -> None:
        self.add(
            "rect", {"x": x, "y": y, "width": max(width, 0.0), "height": max(height, 0.0), "fill": colour}, tooltip
        )

    def polyline(self, points: Sequence[tuple[float, float]], colour: str, width: float, dash: str = "") -> None:
        attributes: dict[str, str | float] = {
            "points": " ".join(f"{number(x)},{number(y)}" for x, y in points),
            "fill": "none",
            "stroke": colour,
            "stroke_width": width,
        }
        if dash:
            attributes["stroke_dasharray"] = dash
        self.add("polyline", attributes)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        align: Align = Align.LEFT,
        *,
        size: float = FONT_SIZE,
        bold: bool = False,
        colour: str = TEXT,
    ) -> None:
        self.labels.append(Label(x, y, text, align, size, bold, colour))

    # Writing

    def _root(self, *, for_print: bool) -> ET.Element:
        attributes = {"viewBox": f"0 0 {number(self.width)} {number(self.height)}"}
        if for_print:
            # fpdf2 places the drawing by its own size; the PDF writer scales it to the page.
            attributes |= {"width": number(self.width), "height": number(self.height)}
        else:
            title_id, description_id = f"{self.chart_id}-title", f"{self.chart_id}-desc"
            attributes |= {
                "id": self.chart_id,
                "width": "100%",
                "role": "img",
                "aria-labelledby": f"{title_id} {description_id}",
                "class": "chart",
                "preserveAspectRatio": "xMinYMin meet",
            }
        root = ET.Element(f"{{{SVG_NAMESPACE}}}svg", attributes)
        if not for_print:
            ET.SubElement(root, f"{{{SVG_NAMESPACE}}}title", {"id": title_id}).text = self.title
            ET.SubElement(root, f"{{{SVG_NAMESPACE}}}desc", {"id": description_id}).text = self.description
        # A background of its own: the text keeps its contrast on any page colour.
        ET.SubElement(
            root,
            f"{{{SVG_NAMESPACE}}}rect",
            {"x": "0", "y": "0", "width": number(self.width), "height": number(self.height), "fill": BACKGROUND},
        )
        marks = ET.SubElement(root, f"{{{SVG_NAMESPACE}}}g")
        for shape in self.shapes:
            if for_print:
                shape = _without_titles(shape)
            marks.append(shape)
        if not for_print:
            texts = ET.SubElement(root, f"{{{SVG_NAMESPACE}}}g")
            for label in self.labels:
                texts.append(_text_element(label))
        return root

    def svg(self) -> Markup:
        """The chart to place inline in a page."""
        return Markup(ET.tostring(self._root(for_print=False), encoding="unicode"))  # noqa: S704 - escaped by etree

    def print_svg(self) -> bytes:
        """The shapes alone as an SVG file, for the PDF; write ``labels`` over it."""
        return bytes(ET.tostring(self._root(for_print=True), encoding="utf-8", xml_declaration=True))


def _without_titles(shape: ET.Element) -> ET.Element:
    """A copy without the tooltips, which fpdf2 reports as unsupported."""
    copy = ET.Element(shape.tag, dict(shape.attrib))
    return copy


def _text_element(label: Label) -> ET.Element:
    attributes = {
        "x": number(label.x),
        "y": number(label.y),
        "font-size": number(label.size),
        "fill": label.colour,
        "text-anchor": label.anchor,
    }
    if label.bold:
        attributes["font-weight"] = "bold"
    if label.right_to_left:
        attributes |= {"direction": "rtl", "unicode-bidi": "embed"}
    element = ET.Element(f"{{{SVG_NAMESPACE}}}text", attributes)
    element.text = label.text
    return element


def fit(text: str, characters: int) -> str:
    """A label cut to about ``characters`` (with an ellipsis), so a long buurt name keeps out of the plot; the
    table under the chart has it in full."""
    return text if len(text) <= characters else text[: characters - 1].rstrip() + "…"
