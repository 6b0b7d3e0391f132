"""``flask surveys qr`` and ``flask surveys paper``: printable posters and paper forms for a published survey.

Both read the survey's newest published version, so what is printed is what residents answer online.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click
from flask import current_app

from participation.cli.surveys import surveys
from participation.extensions import db
from participation.printing.qr import survey_link
from participation.responses.publishing import current_version, definition_of, find_survey
from participation.surveys.model import SurveyDefinition

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:5000"

output_option = click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory to write the files to; made when missing.",
)


def _published(slug: str) -> tuple[SurveyDefinition, int]:
    version = current_version(db.session, slug)
    if version is None:
        raise click.ClickException(f"no published survey {slug!r}; import it first")
    return definition_of(version), version.number


def _languages(definition: SurveyDefinition, requested: Sequence[str]) -> list[str]:
    languages = list(dict.fromkeys(requested)) or [definition.default_language]
    unknown = [language for language in languages if language not in definition.languages]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)}: the survey has {', '.join(definition.languages)}", param_hint="--lang"
        )
    return languages


@surveys.command("qr")
@click.argument("slug")
@click.option("--campaign", help="Campaign the poster's link records (see flask surveys campaign).")
@click.option(
    "--lang",
    "languages",
    multiple=True,
    help="Language on the poster; repeat for several. The first one is the largest and the link's language.",
)
@output_option
def qr_command(slug: str, campaign: str | None, languages: tuple[str, ...], output: Path) -> None:
    """Write an A4 poster with the survey's QR code: OUTPUT/poster.pdf and OUTPUT/poster.svg."""
    # Every command is registered with the app, so the PDF code is imported only by the command that uses it.
    from participation.printing.poster import poster_pdf, poster_svg

    definition, _number = _published(slug)
    chosen = _languages(definition, languages)
    survey = find_survey(db.session, slug)
    if campaign and (survey is None or all(known.name != campaign for known in survey.campaigns)):
        raise click.BadParameter(
            f"no campaign {campaign!r} for {slug}; create it with flask surveys campaign", param_hint="--campaign"
        )
    base_url = str(current_app.config.get("PUBLIC_BASE_URL") or DEFAULT_PUBLIC_BASE_URL)
    url = survey_link(base_url, slug, chosen[0], campaign)
    output.mkdir(parents=True, exist_ok=True)
    (output / "poster.pdf").write_bytes(poster_pdf(definition, url, chosen))
    (output / "poster.svg").write_text(poster_svg(definition, url, chosen), encoding="utf-8")
    click.echo(f"{output / 'poster.pdf'}, {output / 'poster.svg'}: {url} ({', '.join(chosen)})")


@surveys.command("paper")
@click.argument("slug")
@click.option("--lang", "languages", multiple=True, help="Language of a form; repeat for several (default: all).")
@output_option
def paper_command(slug: str, languages: tuple[str, ...], output: Path) -> None:
    """Write the survey as paper forms, one PDF per language: OUTPUT/SLUG-LANG.pdf."""
    from participation.printing.paper_form import paper_form_pdf

    definition, number = _published(slug)
    chosen = _languages(definition, languages) if languages else list(definition.languages)
    output.mkdir(parents=True, exist_ok=True)
    for language in chosen:
        path = output / f"{slug}-{language}.pdf"
        path.write_bytes(paper_form_pdf(definition, language, version=number))
        click.echo(f"{path}: version {number}, {language}")
