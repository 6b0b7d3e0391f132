"""``flask surveys validate FILE``: check a survey definition (YAML or XLSForm) and say what is wrong, line by line.

``flask surveys import`` lives with the persistence layer, which stores definitions as versions.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from participation.surveys.loader import load_definition
from participation.surveys.model import SurveyDefinition
from participation.surveys.problems import DefinitionError, Problem
from participation.surveys.xlsform import XLSFORM_SUFFIXES, load_xlsform

surveys = AppGroup("surveys", help="Check and load resident survey definitions.")


def read_definition_file(path: str | Path) -> SurveyDefinition:
    """Load a definition from a YAML file or an XLSForm workbook (by its suffix); raises ``DefinitionError``."""
    path = Path(path)
    if path.suffix.lower() in XLSFORM_SUFFIXES:
        return load_xlsform(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DefinitionError(str(path), [Problem(1, "the file is not UTF-8 text")]) from error
    return load_definition(text, str(path))


@surveys.command("validate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(file: Path) -> None:
    """Check a survey definition; prints FILE:LINE: message per problem and exits 1 when there are any."""
    try:
        definition = read_definition_file(file)
    except DefinitionError as error:
        for problem in error.problems:
            click.echo(problem.describe(str(file)), err=True)
        raise SystemExit(1) from error
    questions = definition.questions()
    click.echo(
        f"ok: {file}: survey {definition.slug!r}, {len(definition.pages)} pages, {len(questions)} questions, "
        f"languages {', '.join(definition.languages)}, fingerprint {definition.fingerprint()[:12]}"
    )
