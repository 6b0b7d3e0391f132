"""``flask users create``: make a staff account from a script, the password read from standard input;
``flask users list``: every account with its role, organisation, state and last sign-in."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from participation.accounts.errors import AccountError
from participation.accounts.operations import create_staff_user, ensure_organisation, staff_accounts
from participation.accounts.passwords import site_words
from participation.extensions import db
from participation.models import Role

users = AppGroup("users", help="Manage staff accounts.")


@users.command("create")
@click.option("--email", required=True, help="E-mail address the person signs in with.")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--organisation", required=True, help="Organisation name; created when it is new.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def create(email: str, role: str, organisation: str, password_stdin: bool) -> None:
    """Create a staff account."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        org = ensure_organisation(db.session, organisation)
        user = create_staff_user(
            db.session,
            email=email,
            password=password,
            role=Role(role),
            organisation=org,
            site_words=site_words(current_app.config),
        )
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email} ({org.name}).")


@users.command("list")
def list_users() -> None:
    """Every staff account as a table: e-mail, role, organisation, active, last sign-in (UTC)."""
    accounts = staff_accounts(db.session)
    rows = [
        (
            account.email,
            account.role.value,
            account.organisation.name,
            "yes" if account.active else "no",
            account.last_login_at.strftime("%Y-%m-%d %H:%M") if account.last_login_at else "never",
        )
        for account in accounts
    ]
    header = ("e-mail", "role", "organisation", "active", "last sign-in")
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, tuple("-" * width for width in widths), *rows]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
