"""``flask content load``: the default content a fresh installation needs (boundaries, focus area, surveys,
codebook)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from participation.area_sync import sync_areas
from participation.cli.surveys import read_definition_file
from participation.extensions import db
from participation.geo.boundaries import load_boundaries
from participation.geo.errors import GeoDataError
from participation.geo.focus import resolve_focus_area
from participation.responses.publishing import default_survey_files, publish
from participation.surveys.problems import DefinitionError
from participation.themes.codebook import CODEBOOK_FILE, CodebookError, load_codebook, sync_codebook

content = AppGroup("content", help="Load the default content.")


@content.command("load")
def load() -> None:
    """Load the shipped boundaries, focus area, surveys and codebook. Safe to run again: it changes nothing then."""
    config = current_app.config
    try:
        boundaries = load_boundaries(Path(config["GEODATA_DIR"]))
        focus_codes = resolve_focus_area(config["FOCUS_AREA"], boundaries)
    except GeoDataError as error:
        raise click.ClickException(str(error)) from error
    report = sync_areas(db.session, boundaries, focus_codes, config["FOCUS_AREA_NAME"], config["FOCUS_AREA"])
    db.session.commit()
    click.echo(
        f"Boundaries {boundaries.year}: {len(boundaries.wijken)} wijken, {len(boundaries.buurten)} buurten, "
        f"{len(focus_codes)} in {config['FOCUS_AREA_NAME']}; "
        f"{report.created} created, {report.updated} updated."
    )
    for path in default_survey_files(Path(config["SURVEYS_DIR"])):
        try:
            definition = read_definition_file(path)
        except DefinitionError as error:
            raise click.ClickException("\n".join(problem.describe(str(path)) for problem in error.problems)) from error
        result = publish(db.session, definition)
        db.session.commit()
        state = "published as version" if result.created else "unchanged, version"
        click.echo(f"Survey {definition.slug}: {state} {result.version.number}.")
    try:
        definitions = load_codebook(CODEBOOK_FILE)
    except CodebookError as error:
        raise click.ClickException(str(error)) from error
    codebook = sync_codebook(db.session, definitions)
    db.session.commit()
    kept = f" {codebook.kept} kept as edited in the app." if codebook.kept else ""
    click.echo(f"Codebook: {codebook.themes} themes, {codebook.created} created, {codebook.updated} updated.{kept}")
