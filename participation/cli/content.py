"""``flask content load``: the default content a fresh installation needs (boundaries, focus area, surveys,
codebook)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from participation.cli.limits import definition_max_bytes
from participation.cli.refusals import exit_on
from participation.cli.surveys import read_definition_file
from participation.extensions import db
from participation.geo.area_sync import sync_areas
from participation.geo.boundaries import load_boundaries
from participation.geo.errors import GeoDataError
from participation.geo.focus import resolve_focus_area
from participation.responses.publishing import default_survey_files, publish
from participation.surveys.model import SurveyDefinition
from participation.surveys.problems import DefinitionError
from participation.themes.codebook import CODEBOOK_FILE, CodebookError, load_codebook, sync_codebook

content = AppGroup("content", help="Load the default content.")


def _read_surveys(directory: Path, max_bytes: int) -> list[SurveyDefinition]:
    """Every survey file in the directory, read and checked; a ClickException naming the first problem of each
    broken file (on one line), so that nothing is published while any of them is broken."""
    definitions: list[SurveyDefinition] = []
    broken: list[str] = []
    for path in default_survey_files(directory):
        try:
            definitions.append(read_definition_file(path, max_bytes))
        except DefinitionError as error:
            first = error.problems[0].describe(str(path)) if error.problems else str(path)
            more = len(error.problems) - 1
            broken.append(f"{first} (and {more} more)" if more > 0 else first)
    if broken:
        raise click.ClickException(
            "; ".join(broken) + "; nothing was loaded (flask surveys validate FILE lists every problem)"
        )
    return definitions


@content.command("load")
def load() -> None:
    """Load the shipped boundaries, focus area, surveys and codebook. Safe to run again: it changes nothing then.

    All or nothing: every file is read and checked before anything is written, and all is committed at once.
    """
    config = current_app.config
    max_bytes = definition_max_bytes()
    with exit_on(GeoDataError):
        boundaries = load_boundaries(Path(config["GEODATA_DIR"]))
        focus_codes = resolve_focus_area(config["FOCUS_AREA"], boundaries)
    definitions = _read_surveys(Path(config["SURVEYS_DIR"]), max_bytes)
    try:
        themes = load_codebook(CODEBOOK_FILE, max_bytes)
    except CodebookError as error:
        raise click.ClickException("; ".join(error.problems)) from error

    report = sync_areas(db.session, boundaries, focus_codes, config["FOCUS_AREA_NAME"], config["FOCUS_AREA"])
    published = [(definition, publish(db.session, definition)) for definition in definitions]
    codebook = sync_codebook(db.session, themes)
    db.session.commit()

    click.echo(
        f"Boundaries {boundaries.year}: {len(boundaries.wijken)} wijken, {len(boundaries.buurten)} buurten, "
        f"{len(focus_codes)} in {config['FOCUS_AREA_NAME']}; "
        f"{report.created} created, {report.updated} updated."
    )
    for definition, result in published:
        state = "published as version" if result.created else "unchanged, version"
        click.echo(f"Survey {definition.slug}: {state} {result.version.number}.")
    kept = f" {codebook.kept} kept as edited in the app." if codebook.kept else ""
    click.echo(f"Codebook: {codebook.themes} themes, {codebook.created} created, {codebook.updated} updated.{kept}")
