"""The web pages and interfaces, grouped by the user they serve.

- ``residents/``: the public pages at ``/<lang>/``: home, surveys and receipts, "you said, we did";
- ``field/``: neighbourhood professionals: conversations (also offline), registers, paper entry;
- ``bureau/``: the programme bureau: dashboard, maps, codebook, review, answers, programme input, yearly report;
- ``admin/``: staff accounts: signing in, the start page, user administration and the audit log;
- ``machines/``: interfaces for programs: the JSON API, health checks and static assets.

Inside a blueprint package, ``__init__`` creates the blueprint; views live in ``routes.py`` (or
``<subject>_routes.py`` when there are several subjects), forms and the reading of submitted data in
``forms.py``, translated labels of choices in ``labels.py``, and what the views look up and hand to templates in
``context.py``.
"""

from __future__ import annotations

from flask import Blueprint, Flask


def _residents() -> tuple[Blueprint, ...]:
    from participation.blueprints.residents import home, results, survey

    return home.bp, survey.bp, home.language_bp, results.bp


def _field() -> tuple[Blueprint, ...]:
    from participation.blueprints.field import conversations, paper, registers

    return paper.bp, conversations.bp, registers.bp


def _bureau() -> tuple[Blueprint, ...]:
    from participation.blueprints.bureau import (
        answers,
        codebook,
        dashboard,
        indicators,
        maps,
        programme,
        report,
        review,
    )

    return dashboard.bp, codebook.bp, programme.bp, review.bp, maps.bp, report.bp, answers.bp, indicators.bp


def _admin() -> tuple[Blueprint, ...]:
    from participation.blueprints.admin import accounts, auth, start

    return auth.bp, start.bp, accounts.bp


def _machines() -> tuple[Blueprint, ...]:
    from participation.blueprints.machines import api, assets, health

    return health.bp, assets.bp, api.bp


def register_blueprints(app: Flask) -> None:
    for audience in (_residents, _admin, _field, _bureau, _machines):
        for blueprint in audience():
            app.register_blueprint(blueprint)
