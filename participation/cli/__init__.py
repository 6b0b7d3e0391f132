"""Flask CLI commands, one module per group: ``flask users``, ``flask translate``, ``flask content``, ``flask geo``."""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    from participation.cli.content import content
    from participation.cli.translate import translate
    from participation.cli.users import users

    for group in (users, translate, content):
        app.cli.add_command(group)
    try:
        from participation.cli.geo import geo
    except ImportError:  # pragma: no cover - the geo commands arrive with the geodata module
        return
    app.cli.add_command(geo)
