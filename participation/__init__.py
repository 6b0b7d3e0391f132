"""Resident participation and survey platform for the NPLV focus areas (first: Dordt West, Dordrecht)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from participation.config import build_config


def create_app(config_overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, the request's commit point, security headers, languages, blueprints
    and CLI, in that order."""
    # No static route of Flask's own: participation.web.static_files serves static/ under fingerprinted addresses.
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    app.config.update(build_config(Path(app.instance_path), os.environ, config_overrides))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    _configure_proxy(app)
    _configure_compression(app)
    _configure_extensions(app)
    _configure_transactions(app)
    _configure_security(app)
    _configure_templates(app)
    _configure_routing(app)
    _configure_static_files(app)
    _configure_input_checks(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


def _configure_proxy(app: Flask) -> None:
    from participation.web.security import IgnoreForwardedHeaders

    hops = int(app.config["PROXY_HOPS"])
    if hops:
        # Behind a reverse proxy the client's address and scheme arrive in X-Forwarded-* headers; trusting
        # exactly as many hops as there are proxies keeps rate limits per client and cookies Secure.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    else:
        app.wsgi_app = IgnoreForwardedHeaders(app.wsgi_app)  # type: ignore[method-assign]


def _configure_compression(app: Flask) -> None:
    # First of the after-request hooks, so it runs last: it compresses the final answer. Behind a proxy that
    # compresses (see the README), PARTICIPATION_COMPRESS=0 leaves that work to the proxy.
    if app.config["COMPRESS"]:
        from participation.extensions import compress

        compress.init_app(app)


def _configure_static_files(app: Flask) -> None:
    from participation.web.static_files import configure_static_files

    configure_static_files(app)


def _configure_extensions(app: Flask) -> None:
    from participation.extensions import babel, csrf, db, limiter, login_manager, migrate, tasks
    from participation.i18n import select_locale
    from participation.models.sqlite import install_sqlite_pragmas

    install_sqlite_pragmas()
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).resolve().parent.parent / "migrations"),
        render_as_batch=True,  # SQLite can only change a table by copying it
        compare_type=True,
    )
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    tasks.init_app(app)

    from participation.blueprints.admin.auth.session import configure_login

    configure_login(app, login_manager)


def _configure_transactions(app: Flask) -> None:
    # Registered before the other after-request hooks, so that it runs after them, on the final answer.
    from participation.web.transactions import configure_transactions

    configure_transactions(app)


def _configure_security(app: Flask) -> None:
    from participation.web.security import configure_security_headers

    configure_security_headers(app)


def _configure_routing(app: Flask) -> None:
    from participation.i18n import LanguageCodeConverter

    app.url_map.converters["lang"] = LanguageCodeConverter


def _configure_input_checks(app: Flask) -> None:
    from participation.web.requests import refuse_unstorable_input

    app.before_request(refuse_unstorable_input)


def _configure_templates(app: Flask) -> None:
    from participation.web.templating import configure_templating

    configure_templating(app)


def _register_blueprints(app: Flask) -> None:
    from participation.blueprints import register_blueprints
    from participation.web.errors import register_error_handlers

    register_blueprints(app)
    register_error_handlers(app)


def _register_cli(app: Flask) -> None:
    from participation.cli import register_commands

    register_commands(app)
