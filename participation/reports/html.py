"""The yearly report as HTML: its sections for the bureau page, and a standalone printable document.

The templates live beside this module rather than in a blueprint, so that ``flask report yearly`` renders them
without any blueprint registered. They are rendered with the app's Jinja environment (its translations, escaping
and filters) plus this package's template folder.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import format_datetime
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from markupsafe import Markup

from participation.i18n import is_right_to_left
from participation.reports import text
from participation.reports.charts import yearly_charts
from participation.reports.yearly import YearlyReport

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> Environment:
    app_environment = current_app.jinja_env
    loaders = [FileSystemLoader(TEMPLATES)]
    if app_environment.loader is not None:
        loaders.append(app_environment.loader)  # type: ignore[arg-type]
    return app_environment.overlay(loader=ChoiceLoader(loaders))


def report_body(report: YearlyReport) -> Markup:
    """The report's sections (reach, contacts, themes, indicators, quotes, inputs) as HTML to place in a page;
    call inside ``force_locale(report.language)``."""
    template = _environment().get_template("reports/_report.html")
    return Markup(template.render(report=report, text=text, charts=yearly_charts(report)))  # noqa: S704 - rendered by an autoescaping template


def yearly_html(report: YearlyReport, *, stylesheet_href: str | None = None, inline_css: str | None = None) -> str:
    """The whole report as one HTML document that extends no layout and prints on its own.

    On the web it links the app's stylesheet (``stylesheet_href``); a file written by the CLI carries the
    stylesheet inside (``inline_css``), so that it still looks right when opened from disk or mailed.
    """
    template = _environment().get_template("reports/yearly.html")
    return template.render(
        report=report,
        text=text,
        body=report_body(report),
        direction="rtl" if is_right_to_left(report.language) else "ltr",
        made_on=format_datetime(report.generated_at, "short"),
        stylesheet_href=stylesheet_href,
        inline_css=Markup(inline_css) if inline_css else None,  # noqa: S704 - the app's own stylesheet
    )


def app_stylesheet() -> str:
    """The app's own stylesheet, for documents that must carry it inside."""
    static = current_app.static_folder
    path = Path(static) / "css" / "main.css" if static else None
    return path.read_text(encoding="utf-8") if path is not None and path.is_file() else ""
