"""``flask maps coverage``: how much of what is located the cell map draws for a filter, as an analyst sees it."""

from __future__ import annotations

import time
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from participation.disclosure import DisclosurePolicy
from participation.extensions import db
from participation.maps import MapFilter, Source, cell_layer
from participation.models.lines import ParticipationLine

maps = AppGroup("maps", help="The bureau's maps.")


@maps.command("coverage")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (inclusive).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (inclusive).")
@click.option("--source", type=click.Choice([source.value for source in Source]), help="Only this kind of source.")
@click.option("--line", type=click.Choice([line.value for line in ParticipationLine]), help="Only this line.")
@click.option("--theme", "theme_id", type=int, help="Only sources coded with this theme (its id).")
def coverage(
    since: datetime | None, until: datetime | None, source: str | None, line: str | None, theme_id: int | None
) -> None:
    """Print the share of located responses and conversations drawn in a visible cell (at any level), the share
    drawn at 100 m, and the sources drawn per cell size, under the analysts' suppression."""
    policy = DisclosurePolicy.for_viewer(None, current_app.config)
    filters = MapFilter(
        theme_id=theme_id,
        lines=(ParticipationLine(line),) if line else (),
        sources=(Source(source),) if source else (),
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    started = time.perf_counter()
    layer = cell_layer(db.session, filters, threshold=policy.threshold, suppress=True)
    elapsed = time.perf_counter() - started
    found = layer.coverage
    assert found is not None  # the cell map always says what it covers
    click.echo(f"located sources: {found.located} (k = {policy.threshold})")
    click.echo(f"drawn in a visible cell: {found.drawn} ({found.share_drawn:.1%})")
    click.echo(f"drawn at 100 m: {found.per_level.get(100, 0)} ({found.share_finest:.1%})")
    click.echo(
        f"of the {found.with_point} with a map point: {found.share_of_points_drawn:.1%} drawn, "
        f"{found.share_of_points_finest:.1%} at 100 m (the others are known by buurt only)"
    )
    for size, count in found.per_level.items():
        cells = sum(1 for figure in layer.figures if figure.size == size)
        click.echo(f"  {size:>5} m: {count} sources in {cells} cells")
    click.echo(f"cells: {len(layer.figures)}; built in {elapsed * 1000:.0f} ms")
