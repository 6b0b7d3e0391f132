"""``flask surveys validate FILE``: check a survey definition (YAML or XLSForm) and say what is wrong, line by line.

``flask surveys import`` lives with the persistence layer, which stores definitions as versions.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from participation.cli.limits import definition_max_bytes
from participation.imports import DEFINITION_MAX_BYTES, ImportRefusal, read_text
from participation.surveys.loader import load_definition
from participation.surveys.model import SurveyDefinition
from participation.surveys.problems import DefinitionError, Problem
from participation.surveys.xlsform import XLSFORM_SUFFIXES, load_xlsform

surveys = AppGroup("surveys", help="Check and load resident survey definitions.")


def read_definition_file(path: str | Path, max_bytes: int = DEFINITION_MAX_BYTES) -> SurveyDefinition:
    """Load a definition from a YAML (or JSON) file or an XLSForm workbook (by its suffix), of at most
    ``max_bytes``; raises ``DefinitionError``."""
    path = Path(path)
    if path.suffix.lower() in XLSFORM_SUFFIXES:
        return load_xlsform(path, max_bytes)
    try:
        text = read_text(path, max_bytes)
    except ImportRefusal as refusal:
        raise DefinitionError(str(path), [Problem(int(refusal.params.get("line", 1)), refusal.message)]) from refusal
    return load_definition(text, str(path))


def read_definition_or_exit(file: Path) -> SurveyDefinition:
    """The definition in ``file`` (within PARTICIPATION_DEFINITION_MAX_MB), or every problem as FILE:LINE: message
    on standard error and exit status 1."""
    try:
        return read_definition_file(file, definition_max_bytes())
    except DefinitionError as error:
        for problem in error.problems:
            click.echo(problem.describe(str(file)), err=True)
        raise SystemExit(1) from error


@surveys.command("validate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(file: Path) -> None:
    """Check a survey definition; prints FILE:LINE: message per problem and exits 1 when there are any. A file
    larger than PARTICIPATION_DEFINITION_MAX_MB is refused unread."""
    definition = read_definition_or_exit(file)
    questions = definition.questions()
    click.echo(
        f"ok: {file}: survey {definition.slug!r}, {len(definition.pages)} pages, {len(questions)} questions, "
        f"languages {', '.join(definition.languages)}, fingerprint {definition.fingerprint()[:12]}"
    )
