"""``flask surveys import FILE`` and ``flask surveys campaign``: publishing needs the database, so these live
beside the persistence layer rather than with ``validate``."""

from __future__ import annotations

from pathlib import Path

import click

from participation.cli.surveys import read_definition_or_exit, surveys
from participation.extensions import db
from participation.models import CampaignKind
from participation.responses.publishing import ensure_campaign, find_survey, publish, set_published


@surveys.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Publish a survey definition (YAML or XLSForm). Unchanged definitions publish nothing new."""
    definition = read_definition_or_exit(file)
    result = publish(db.session, definition)
    db.session.commit()
    state = "published as version" if result.created else "unchanged, still version"
    click.echo(f"{definition.slug}: {state} {result.version.number}")


@surveys.command("campaign")
@click.argument("slug")
@click.argument("name")
@click.option("--kind", type=click.Choice([kind.value for kind in CampaignKind]), default=CampaignKind.OTHER.value)
def campaign_command(slug: str, name: str, kind: str) -> None:
    """Create a campaign (flyer, QR at a place, ...) for a survey; its link is /<lang>/s/SLUG/?c=NAME."""
    survey = find_survey(db.session, slug)
    if survey is None:
        raise click.ClickException(f"no survey {slug!r}; import it first")
    campaign = ensure_campaign(db.session, survey, name, CampaignKind(kind))
    db.session.commit()
    click.echo(f"{slug}: campaign {campaign.name!r} ({campaign.kind.value}); link: /nl/s/{slug}/?c={campaign.name}")


@surveys.command("unpublish")
@click.argument("slug")
@click.option("--undo", is_flag=True, help="Put the survey back on line.")
def unpublish_command(slug: str, undo: bool) -> None:
    """Take a survey off line: it leaves the home page and takes no new residents; answers stay."""
    survey = find_survey(db.session, slug)
    if survey is None:
        raise click.ClickException(f"no survey {slug!r}")
    set_published(db.session, survey, published=undo)
    db.session.commit()
    click.echo(f"{slug}: {'on line again' if undo else 'taken off line'}")
