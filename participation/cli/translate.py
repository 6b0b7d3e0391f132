"""``flask translate``: pybabel wrapped, so translators need one command per step and no paths to remember."""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask.cli import AppGroup

from participation.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"

translate = AppGroup("translate", help="Extract, update and compile the translation catalogs.")


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def extract(output: Path = TEMPLATE) -> None:
    """Write the template; run from the project root so that its references (``#: participation/...py:12``) are
    relative paths, the same on every checkout."""
    with chdir(PROJECT_ROOT):
        _extract(output)


def _extract(output: Path) -> None:
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--add-comments",
        "i18n:",
        "--sort-by-file",
        "--no-wrap",
        "--project",
        "participation",
        "-o",
        str(output),
        "participation",
    )


@translate.command("extract")
def extract_command() -> None:
    """Collect every translatable text into translations/messages.pot."""
    extract()
    click.echo(f"Wrote {TEMPLATE.relative_to(PROJECT_ROOT)}")


@translate.command("update")
def update_command() -> None:
    """Extract, then merge new texts into every language's catalog (new texts still need translating)."""
    extract()
    _pybabel("update", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "--no-wrap", "--ignore-obsolete")


@translate.command("compile")
def compile_command() -> None:
    """Compile every catalog to the binary form the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


@translate.command("init")
@click.argument("language")
def init_command(language: str) -> None:
    """Start a catalog for a new language (then add it to PARTICIPATION_LANGUAGES)."""
    extract()
    _pybabel("init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", language, "--no-wrap")
