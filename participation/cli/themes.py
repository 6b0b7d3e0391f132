"""``flask themes suggest``: propose themes for every open answer and field note that has no coding yet.

New texts get their suggestions by themselves (a background task per text, and a periodic catch-up run); the
command is for after an import or a codebook change."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from participation.extensions import db
from participation.themes.proposing import propose_uncoded
from participation.themes.suggestions import build_model

themes = AppGroup("themes", help="Theme suggestions for what residents said.")


@themes.command("suggest")
def suggest() -> None:
    """Propose themes for each open answer, conversation and activity note without any coding. Running it again
    adds nothing: a text with a coding of any kind (proposed, accepted or rejected) is left alone."""
    count = propose_uncoded(db.session, tuple(current_app.config["LANGUAGES"]), build_model(db.session))
    db.session.commit()
    click.echo(f"Looked at {count.texts} text(s) without a coding; proposed {count.proposals} theme(s).")
