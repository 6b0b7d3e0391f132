"""``flask report yearly``: writes the HTML and PDF files and prints their paths; suppressed unless asked."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent
from tests.printing.pdf_text import pdf_text
from tests.reports.data import CONSENTED, NOT_CONSENTED, Filled


def test_the_cli_writes_both_files_and_prints_their_paths(loaded_app: Flask, filled: Filled, tmp_path: Path) -> None:
    app = loaded_app
    output = tmp_path / "out"
    result = app.test_cli_runner().invoke(
        args=["report", "yearly", str(filled.year), "--language", "en", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    html = output / f"verantwoording-{filled.year}-en.html"
    pdf = output / f"verantwoording-{filled.year}-en.pdf"
    assert result.output.split() == [str(html), str(pdf)]
    text = pdf_text(pdf.read_bytes())
    assert "Accountability report" in text and CONSENTED in text and NOT_CONSENTED not in text
    assert "n = 4" not in text and "fewer than 5" in text
    page = html.read_text(encoding="utf-8")
    assert "<style>" in page and "--colour-primary" in page  # the app's stylesheet travels inside the file
    assert "n = 4" not in page


def test_the_cli_defaults_to_dutch_and_one_format(loaded_app: Flask, filled: Filled, tmp_path: Path) -> None:
    app = loaded_app
    result = app.test_cli_runner().invoke(
        args=["report", "yearly", str(filled.year), "--format", "pdf", "--output", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert [path.name for path in tmp_path.iterdir()] == [f"verantwoording-{filled.year}-nl.pdf"]
    assert "Verkennen" in pdf_text((tmp_path / f"verantwoording-{filled.year}-nl.pdf").read_bytes())


def test_unsuppressed_shows_small_counts_and_says_so(loaded_app: Flask, filled: Filled, tmp_path: Path) -> None:
    app = loaded_app
    args = ["report", "yearly", str(filled.year), "--language", "en", "--format", "pdf", "--output", str(tmp_path)]
    result = app.test_cli_runner().invoke(args=[*args, "--unsuppressed"])
    assert result.exit_code == 0, result.output
    path = tmp_path / f"verantwoording-{filled.year}-en-unsuppressed.pdf"
    assert "n = 4" in pdf_text(path.read_bytes())
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report.exported")).one()
        assert event.actor_id is None
        assert event.details == {
            "format": "pdf",
            "threshold": 5,
            "suppressed": False,
            "year": filled.year,
            "via": "cli",
        }


def test_an_unknown_language_is_refused(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(
        args=["report", "yearly", "2025", "--language", "xx", "--output", str(tmp_path)]
    )
    assert result.exit_code != 0 and "xx" in result.output
    assert not list(tmp_path.iterdir())
