"""``flask backup create PATH`` and ``flask backup restore PATH``: the whole database in one file, and back."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from participation.backup import BackupError, RevisionState, create_backup, restore_backup
from participation.cli.refusals import exit_on
from participation.extensions import db

backup = AppGroup("backup", help="Back up the database to one file, or restore it from one.")

FILE = click.Path(dir_okay=False, path_type=Path)


@backup.command("create")
@click.argument("path", type=FILE)
def create(path: Path) -> None:
    """Write a backup of the database to PATH, readable by its owner only. Safe while the app is serving."""
    db.session.remove()
    with exit_on(BackupError):
        kind = create_backup(db.engine, path)
    click.echo(f"Wrote a {kind.value} backup to {path}.")


@backup.command("restore")
@click.argument("path", type=FILE)
@click.option("--yes", is_flag=True, help="Replace the database without asking.")
def restore(path: Path, yes: bool) -> None:
    """Replace the whole database with the backup in PATH."""
    if not yes:
        click.confirm(f"This replaces everything in {db.engine.url.render_as_string()} with {path}. Go on?", abort=True)
    # The restore replaces every table: a transaction of ours left open would hold locks on them.
    db.session.remove()
    with exit_on(BackupError):
        check = restore_backup(db.engine, path, Path(current_app.extensions["migrate"].directory))
    click.echo(f"Restored {path} (database revision {check.revision}).")
    if check.state is RevisionState.OLDER:
        click.echo(
            f"The backup is older than this version of the app (revision {check.code_revision}): "
            "run `flask db upgrade` now, before the app serves again."
        )
