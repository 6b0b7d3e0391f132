"""``flask indicators``: bring in population figures and reference values, and score older answers."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from participation.cli.limits import import_max_bytes
from participation.cli.refusals import exit_on
from participation.extensions import db
from participation.indicators.population import PopulationImportError, read_population_csv, store_population
from participation.indicators.references import ReferenceImportError, read_reference_csv, set_reference
from participation.indicators.tallies import rebuild_tallies
from participation.indicators.targets import (
    TargetImportError,
    import_targets,
    read_targets_csv,
    target_areas,
    target_indicators,
)
from participation.models import SurveyResponse
from participation.responses.publishing import definition_of
from participation.surveys.scores import answer_score

indicators = AppGroup("indicators", help="Population figures, reference values and indicator scores.")
_file = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))


@indicators.command("import-population")
@_file
@click.option("--year", type=click.IntRange(1990, 2100), required=True, help="The year the figures describe.")
def import_population(file: Path, year: int) -> None:
    """Residents per buurt by age band and sex, from a CBS key-figures CSV (Kerncijfers wijken en buurten).
    All or nothing; a file larger than PARTICIPATION_IMPORT_MAX_MB is refused unread."""
    with exit_on(PopulationImportError):
        rows = read_population_csv(file, year, max_bytes=import_max_bytes())
    report = store_population(db.session, year, rows)
    db.session.commit()
    click.echo(f"Population {year}: {report.buurten} buurten, {report.cells} figures.")


@indicators.command("import-reference")
@_file
@click.option("--area", default=None, help="Area code for rows without one (default: the municipality, GM0505).")
def import_reference(file: Path, area: str | None) -> None:
    """Reference values such as the Dordrecht average: CSV with indicator, year, value[, area_code, source].
    All or nothing; a file larger than PARTICIPATION_IMPORT_MAX_MB is refused unread."""
    with exit_on(ReferenceImportError):
        values = read_reference_csv(file, area or current_app.config["MUNICIPALITY_CODE"], max_bytes=import_max_bytes())
    for value in values:
        set_reference(db.session, value)
    db.session.commit()
    click.echo(f"Reference values: {len(values)} stored.")


@indicators.command("import-targets")
@_file
def import_targets_command(file: Path) -> None:
    """Target values of the programme's operational goals: CSV with indicator, year, value[, area_code, pillar,
    goal, note]; area_code is focus_area (the default) or a wijk code of the focus area. An existing target of the
    same indicator, area and year is replaced. All or nothing: every bad row is named and nothing is stored."""
    indicators = target_indicators(db.session, "en")
    with exit_on(TargetImportError):
        targets = read_targets_csv(file, indicators, target_areas(db.session), max_bytes=import_max_bytes())
    count = import_targets(db.session, targets, source=file.name)
    db.session.commit()
    click.echo(f"Targets: {count} stored.")


@indicators.command("rescore")
def rescore() -> None:
    """Give answers stored without a score their score (after an upgrade, or a change in scoring)."""
    changed = 0
    for response in db.session.scalars(select(SurveyResponse)):
        definition = definition_of(response.survey_version)
        known = {question.id: question for question in definition.questions()}
        for answer in response.answers:
            question = known.get(answer.question_id)
            score = answer_score(question, answer.value) if question else None
            if score != answer.score:
                answer.score = score
                changed += 1
    rebuild_tallies(db.session)
    db.session.commit()
    click.echo(f"Scores changed: {changed}; the dashboard's tallies are rebuilt.")


@indicators.command("rebuild-tallies")
def rebuild_tallies_command() -> None:
    """Sum the dashboard's tallies again from the answers (after an upgrade or a bulk change of data)."""
    rebuild_tallies(db.session)
    db.session.commit()
    click.echo("The dashboard's tallies are rebuilt.")
