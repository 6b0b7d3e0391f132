"""The yearly report: its figures suppressed for analysts, its quotes only with consent, its PDF and HTML read
back as text."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from participation.extensions import db
from participation.models import Conversation, ConversationSetting, DemoRecord, ProgrammeInput
from participation.models.lines import ParticipationLine
from participation.models.programme import InputEvidence
from participation.models.themes import SubjectType
from participation.reports import QUOTES_PER_THEME, YearlyReport, yearly_html, yearly_report
from participation.reports.pdf import yearly_pdf
from tests.printing.pdf_text import pdf_text
from tests.reports.data import CONSENTED, NOT_CONSENTED, OLD_QUOTE, Filled

HEADINGS = (
    "Accountability report",
    "Reach per participation line",
    "Responses, conversations and activities",
    "Themes over the year",
    "Indicators against the Dordrecht average",
    "What residents said",
    "What was done",
)


def build(year: int, *, suppress: bool, language: str = "en") -> YearlyReport:
    """The report as the CLI and the page make it; inside an app context."""
    with force_locale(language):
        return yearly_report(
            db.session, year, threshold=5, suppress=suppress, language=language, municipality_code="GM0505"
        )


def render_pdf(report: YearlyReport) -> str:
    with force_locale(report.language):
        return pdf_text(yearly_pdf(report))


def test_the_pdf_renders_and_reads_back(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context():
        text = render_pdf(build(filled.year, suppress=True))
    for heading in HEADINGS:
        assert heading in text
    # Reach of Oud Krispijn: six responses (explore), seven residents in a conversation, twelve at an activity.
    assert "Wijk 03 Oud Krispijn 6 7 12 0" in text
    # The neighbourhood mark of the focus area (ten respondents) against the Dordrecht average entered.
    assert "5.9 (4.2–7.6); n = 10" in text
    assert re.search(r"Dordrecht average 7\.3", text)
    assert CONSENTED in text
    assert NOT_CONSENTED not in text
    assert OLD_QUOTE not in text  # said two years before: not this year's account
    assert "Speeltuin opknappen" in text and "Done: 1" in text


def test_an_analyst_never_sees_a_figure_of_four_respondents(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context():
        report = build(filled.year, suppress=True)
        text = render_pdf(report)
        with force_locale("en"):
            html = yearly_html(report)
    assert report.contacts.cell("WK050504", "responses").small
    assert report.reach.cell("WK050504", "explore").small
    for document in (text, html):
        assert "fewer than 5" in document
        assert "n = 4" not in document
        # The mean of the four (2, 3, 4, 5) as a table or chart writes a mean; a chart's axis may have a tick at 3.5.
        assert not re.search(r"3\.5 \(|3\.5;|: 3\.5", document)
        # The six of wijk 03 beside the ten of the municipality would give the four away: hidden too.
        assert "n = 6" not in document
    assert not re.search(r"Nieuw-krispijn 4\b", text)


def test_an_admin_sees_every_figure(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context():
        report = build(filled.year, suppress=False)
        text = render_pdf(report)
    assert not report.suppressed
    assert "n = 4" in text and "n = 6" in text
    assert "Wijk 04 Nieuw-krispijn 4 0 0 0" in text


def test_the_html_stands_alone_and_says_what_the_pdf_says(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context(), force_locale("en"):
        report = build(filled.year, suppress=True)
        html = yearly_html(report, inline_css="main { color: #1a1a1a; }")
    assert html.startswith("<!doctype html>") and "{% extends" not in html
    assert '<html lang="en" dir="ltr">' in html and "<style>main { color: #1a1a1a; }</style>" in html
    for heading in HEADINGS:
        assert heading in html
    assert CONSENTED in html and NOT_CONSENTED not in html
    assert "5.9 (4.2–7.6); n = 10" in html


def test_last_year_is_shown_beside_this_year(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context():
        report = build(filled.year + 1, suppress=True)
        text = render_pdf(report)
    # Nothing was recorded in the next year: no indicator of that year, no quotes, but the inputs stand.
    assert report.indicators == () and report.quotes == ()
    assert "No quotes may be shown for this year." in text
    assert "Speeltuin opknappen" in text


def test_dutch_and_arabic_render(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context():
        dutch = build(filled.year, suppress=True, language="nl")
        arabic = build(filled.year, suppress=True, language="ar")
        dutch_text = render_pdf(dutch)
        assert render_pdf(arabic)
        with force_locale("ar"):
            assert 'dir="rtl"' in yearly_html(arabic)
    assert "Verkennen" in dutch_text  # the line's Dutch name from the catalog
    assert "5,9" in dutch_text  # decimals written the Dutch way
    assert CONSENTED in dutch_text


def test_quotes_are_few_per_theme_and_newest_first(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context():
        programme_input = db.session.scalars(select(ProgrammeInput)).one()
        organisation_id = db.session.scalars(select(Conversation.organisation_id)).first()
        assert organisation_id is not None
        for day in range(1, 6):
            conversation = Conversation(
                client_id=f"quote-{day}",
                organisation_id=organisation_id,
                occurred_at=datetime(filled.year, 2, day, tzinfo=UTC),
                line=ParticipationLine.CONTACT,
                setting=ConversationSetting.STREET,
                participants=1,
                groups={},
                free_tags=[],
                quotes=[],
            )
            db.session.add(conversation)
            db.session.flush()
            programme_input.evidence.append(
                InputEvidence(
                    subject_type=SubjectType.CONVERSATION,
                    subject_id=conversation.id,
                    quote=f"Quote of February {day}",
                    quote_consent=True,
                )
            )
        db.session.commit()
        report = build(filled.year, suppress=True)
    (group,) = report.quotes
    assert len(group.quotes) == QUOTES_PER_THEME
    assert group.quotes == ("Quote of February 5", "Quote of February 4", "Quote of February 3")


def test_the_report_carries_the_dashboards_charts(loaded_app: Flask, filled: Filled) -> None:
    import io
    import xml.etree.ElementTree as ET

    from pypdf import PdfReader

    with loaded_app.app_context():
        report = build(filled.year, suppress=True)
        with force_locale("en"):
            pdf = yearly_pdf(report)
            html = yearly_html(report)
    svgs = [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", html, re.S)]  # noqa: S314 - our own output
    ids = {str(svg.get("id")) for svg in svgs}
    assert {"report-reach-1", "report-reach-2", "report-response", "report-indicator-1"} <= ids
    assert all(svg.get("role") == "img" for svg in svgs)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # The charts' titles and labels are written on the page, over their drawings.
    assert "Reach per participation line per quarter in Wijk 03 Oud Krispijn" in text
    assert "Quarter 1" in text and "Residents reached" in text
    assert f"Per area, {filled.year}: What mark do you give your neighbourhood?" in text
    content = b"".join(page.get_contents().get_data() for page in reader.pages if page.get_contents() is not None)
    assert b"0 0.4471 0.698 rg" in content  # the marks in the first series' colour
    # Wijk 04's four responses are no bar, in the PDF as on the page: its chart has no mark with a tooltip.
    wijk_04 = next(svg for svg in svgs if "Nieuw" in str(svg.findtext("{http://www.w3.org/2000/svg}title")))
    marks = [
        r
        for r in wijk_04.iter("{http://www.w3.org/2000/svg}rect")
        if r.find("{http://www.w3.org/2000/svg}title") is not None
    ]
    assert all(float(r.get("width") or 0) == 0 for r in marks)  # quarters without reach: bars of no length


def test_a_report_of_the_demo_year_says_it_is_made_up(loaded_app: Flask, filled: Filled) -> None:
    with loaded_app.app_context(), force_locale("en"):
        real = build(filled.year, suppress=True)
        db.session.add(DemoRecord(table_name="survey_response", row_id=1))
        db.session.flush()
        demo = build(filled.year, suppress=True)
        pages = yearly_html(real), yearly_html(demo), render_pdf(real), render_pdf(demo)
    assert not real.demo and demo.demo
    real_html, demo_html, real_pdf, demo_pdf = pages
    assert 'id="demo-data-notice"' in demo_html and 'id="demo-data-notice"' not in real_html
    assert "made up" in demo_pdf and "made up" not in real_pdf
