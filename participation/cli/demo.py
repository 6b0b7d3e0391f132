"""``flask demo load`` and ``flask demo clear``: a synthetic year to look at, and taking it away again."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import IntegrityError

from participation.cli.refusals import exit_on
from participation.demo.loader import DemoOptions, DemoRefused, clear, load_demo
from participation.extensions import db
from participation.geo.app_geocoder import geocoder_for
from participation.geo.errors import GeoDataError
from participation.models.base import utcnow

demo = AppGroup("demo", help="Load or remove a synthetic demo year (never in production).")


def _refuse_in_production() -> None:
    if current_app.config["ENV"] == "production":
        raise click.ClickException(
            "demo data is never loaded into or cleared from a production installation (PARTICIPATION_ENV=production)"
        )


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {count}" for table, count in sorted(counts.items()))


@demo.command("load")
@click.option("--year", type=click.IntRange(2000, 2100), default=None, help="The year to fill; default this year.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed makes the same year.")
@click.option(
    "--scale",
    type=click.FloatRange(0.01, 2.0),
    default=1.0,
    show_default=True,
    help="Fraction of the full size (3,000 responses, 800 conversations).",
)
def load(year: int | None, seed: int, scale: float) -> None:
    """Fill an empty database with a synthetic year of the focus area, marked as demo data throughout."""
    _refuse_in_production()
    started = time.perf_counter()
    now = utcnow()
    options = DemoOptions(
        year=year or now.year,
        seed=seed,
        scale=scale,
        municipality_code=current_app.config["MUNICIPALITY_CODE"],
        retention_days=current_app.config["CONTACT_RETENTION_DAYS"],
    )
    with exit_on(DemoRefused, GeoDataError):
        counts = load_demo(db.session, geocoder_for(current_app), options, now=now)
    db.session.commit()
    click.echo(f"Demo year {options.year} (seed {seed}) loaded in {time.perf_counter() - started:.1f} s:")
    click.echo(_summary(counts))
    click.echo("Every page says so while it is loaded; `flask demo clear` removes it.")


@demo.command("clear")
def clear_command() -> None:
    """Remove every demo row, and nothing else."""
    _refuse_in_production()
    try:
        deleted = clear(db.session)
    except IntegrityError as error:
        db.session.rollback()
        # Rows made since the load can point at demo rows (an account in a demo organisation, a follow-up to one):
        # those are real, so they are not deleted along, and the demo stays until they are changed.
        raise click.ClickException(
            "real data made since the demo was loaded refers to demo rows, so nothing was removed: "
            f"{str(error.orig).splitlines()[0]}"
        ) from error
    db.session.commit()
    if not deleted:
        click.echo("No demo data is loaded; nothing removed.")
        return
    click.echo(f"Demo data removed: {_summary(deleted)}")
