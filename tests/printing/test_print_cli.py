"""``flask surveys qr`` and ``flask surveys paper`` on the published default survey."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask

from tests.printing.pdf_text import pdf_pages, pdf_text
from tests.printing.test_poster import read_qr, segno_matrix


def invoke(app: Flask, *args: str) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["surveys", *args])
    return result.exit_code, result.output


def test_qr_writes_a_pdf_and_an_svg_poster_for_a_campaign(make_app: Callable[..., Flask], tmp_path: Path) -> None:
    app = make_app(PUBLIC_BASE_URL="https://doemee.example")
    assert invoke(app, "import", "surveys/bewonersenquete.yaml")[0] == 0
    assert invoke(app, "campaign", "bewonersenquete", "bibliotheek", "--kind", "qr")[0] == 0
    code, output = invoke(
        app,
        "qr",
        "bewonersenquete",
        "--campaign",
        "bibliotheek",
        "--lang",
        "ar",
        "--lang",
        "nl",
        "--output",
        str(tmp_path / "out"),
    )
    assert code == 0, output
    url = "https://doemee.example/ar/s/bewonersenquete/?c=bibliotheek"
    assert url in output
    encoded, matrix = read_qr((tmp_path / "out" / "poster.svg").read_text("utf-8"))
    assert encoded == url and matrix == segno_matrix(url)
    pages = pdf_pages((tmp_path / "out" / "poster.pdf").read_bytes())
    assert len(pages) == 1 and url in pages[0] and "Bewonersenquête Dordt West" in pages[0]


def test_qr_refuses_an_unknown_campaign_or_language(loaded_app: Flask, tmp_path: Path) -> None:
    code, output = invoke(loaded_app, "qr", "bewonersenquete", "--campaign", "nope", "--output", str(tmp_path))
    assert code == 2 and "nope" in output
    code, output = invoke(loaded_app, "qr", "bewonersenquete", "--lang", "fr", "--output", str(tmp_path))
    assert code == 2 and "fr" in output
    code, output = invoke(loaded_app, "qr", "unknown-survey", "--output", str(tmp_path))
    assert code == 1 and "unknown-survey" in output
    assert not list(tmp_path.iterdir())


def test_paper_writes_one_form_per_language(loaded_app: Flask, tmp_path: Path) -> None:
    code, output = invoke(
        loaded_app, "paper", "bewonersenquete", "--lang", "nl", "--lang", "ar", "--output", str(tmp_path)
    )
    assert code == 0, output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bewonersenquete-ar.pdf", "bewonersenquete-nl.pdf"]
    dutch = pdf_text((tmp_path / "bewonersenquete-nl.pdf").read_bytes())
    assert "Welk cijfer geeft u uw buurt?" in dutch and "bewonersenquete · v1 · NL" in dutch
    assert "كيف صحتك بشكل عام؟" in pdf_text((tmp_path / "bewonersenquete-ar.pdf").read_bytes())


def test_paper_without_languages_writes_all_of_them(loaded_app: Flask, tmp_path: Path) -> None:
    code, output = invoke(loaded_app, "paper", "bewonersenquete", "--output", str(tmp_path))
    assert code == 0, output
    assert len(list(tmp_path.glob("bewonersenquete-*.pdf"))) == 6
