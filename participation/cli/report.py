"""``flask report yearly YEAR``: the yearly accountability report as HTML and PDF files."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from participation.disclosure import DisclosurePolicy
from participation.extensions import db
from participation.models import Role
from participation.reports import app_stylesheet, configured_report, record_report_export, yearly_html

report = AppGroup("report", help="The yearly accountability report (verantwoording).")


@report.command("yearly")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--language", default=None, help="Language of the report (default: the app's default, Dutch).")
@click.option(
    "--format", "fmt", type=click.Choice(["html", "pdf", "both"]), default="both", show_default=True, help="Files."
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory to write the files to (made when missing).",
)
@click.option(
    "--unsuppressed",
    is_flag=True,
    help="Show every figure, small ones too. For an admin's own use only: never pass such a file on.",
)
def yearly(year: int, language: str | None, fmt: str, output: Path, unsuppressed: bool) -> None:
    """Write the accountability report of YEAR and print the paths of the files.

    Small counts are hidden by default, as for every analyst: the files leave the app and travel by mail.
    """
    config = current_app.config
    language = language or str(config["DEFAULT_LANGUAGE"])
    if language not in config["LANGUAGES"]:
        raise click.BadParameter(f"{language} is not one of {', '.join(config['LANGUAGES'])}", param_hint="--language")
    # By default the files show what an analyst sees; --unsuppressed what an admin sees.
    policy = DisclosurePolicy.for_viewer(Role.ADMIN if unsuppressed else Role.ANALYST, config)
    output.mkdir(parents=True, exist_ok=True)
    stem = f"verantwoording-{year}-{language}" + ("-unsuppressed" if unsuppressed else "")
    with force_locale(language):
        document = configured_report(db.session, year, policy=policy, language=language, config=config)
        written: list[Path] = []
        if fmt in ("html", "both"):
            path = output / f"{stem}.html"
            path.write_text(yearly_html(document, inline_css=app_stylesheet()), encoding="utf-8")
            written.append(path)
        if fmt in ("pdf", "both"):
            # Every command is registered with the app, so the PDF code is imported only by the command that uses it.
            from participation.reports.pdf import yearly_pdf

            path = output / f"{stem}.pdf"
            path.write_bytes(yearly_pdf(document))
            written.append(path)
    # Figures leave the app: which year, in which form and whether suppressed is kept, as for page downloads.
    record_report_export(db.session, document, fmt, None, via="cli")
    db.session.commit()
    if not policy.suppress:
        click.echo("Warning: every figure is shown, small counts included.", err=True)
    for path in written:
        click.echo(str(path))
