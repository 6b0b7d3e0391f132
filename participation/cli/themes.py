"""``flask themes suggest``: propose themes for every open answer and field note that has no coding yet."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from participation.extensions import db
from participation.themes.subjects import all_texts, coded_subjects
from participation.themes.suggestions import build_model, propose_codings

themes = AppGroup("themes", help="Theme suggestions for what residents said.")


@themes.command("suggest")
def suggest() -> None:
    """Propose themes for each open answer, conversation and activity note without any coding. Running it again
    adds nothing: a text with a coding of any kind (proposed, accepted or rejected) is left alone."""
    model = build_model(db.session)
    coded = coded_subjects(db.session)
    languages = tuple(current_app.config["LANGUAGES"])
    texts = proposals = 0
    for subject in all_texts(db.session, languages):
        if (subject.subject_type, subject.subject_id) in coded:
            continue
        created = propose_codings(
            db.session, model, subject.subject_type, subject.subject_id, subject.text, subject.language
        )
        texts += 1
        proposals += len(created)
    db.session.commit()
    click.echo(f"Looked at {texts} text(s) without a coding; proposed {proposals} theme(s).")
