"""Entry point for WSGI servers: ``gunicorn wsgi:app``."""

from participation import create_app

app = create_app()
