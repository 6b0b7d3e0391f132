"""Flask CLI commands, one module per group: users, translate, content, geo, surveys, backup, demo, …"""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    from participation.cli import survey_import, survey_print  # noqa: F401 - add their commands to "surveys"
    from participation.cli.backup import backup
    from participation.cli.content import content
    from participation.cli.demo import demo
    from participation.cli.geo import geo
    from participation.cli.indicators import indicators
    from participation.cli.maps import maps
    from participation.cli.privacy import privacy
    from participation.cli.report import report
    from participation.cli.surveys import surveys
    from participation.cli.tasks import tasks
    from participation.cli.themes import themes
    from participation.cli.translate import translate
    from participation.cli.users import users

    groups = (users, translate, content, geo, surveys, privacy, indicators, themes, report, backup, maps, demo, tasks)
    for group in groups:
        app.cli.add_command(group)
