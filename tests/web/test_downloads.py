"""The one download helper: each kind's Content-Type, RFC 6266 file names, and no copy kept by a cache."""

from __future__ import annotations

import pytest
from flask import Flask

from participation.web.downloads import ExportKind, ascii_filename, content_disposition, download


def test_a_plain_name_is_given_both_ways() -> None:
    expected = "attachment; filename=\"dashboard.csv\"; filename*=UTF-8''dashboard.csv"
    assert content_disposition("dashboard.csv") == expected


def test_spaces_quotes_and_non_ascii_are_quoted_safely() -> None:
    name = 'Bewonersenquête "Oud" Krispijn\\ تقرير.pdf'
    header = content_disposition(name)
    fallback = ascii_filename(name)
    assert fallback == "Bewonersenquete _Oud_ Krispijn_ _____.pdf"
    assert header.startswith(f'attachment; filename="{fallback}"; ')
    assert header.endswith(
        "filename*=UTF-8''Bewonersenqu%C3%AAte%20%22Oud%22%20Krispijn%5C%20%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.pdf"
    )
    assert header.count('"') == 2  # the only quotes are the ones around the fallback


def test_control_characters_never_reach_the_header() -> None:
    assert ascii_filename("a\r\nb\x00.csv") == "a__b_.csv"
    assert "\n" not in content_disposition("a\r\nb.csv") and "\r" not in content_disposition("a\r\nb.csv")


def test_inline_documents_keep_their_name() -> None:
    assert content_disposition("verslag.html", inline=True).startswith('inline; filename="verslag.html"')


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        (ExportKind.CSV, "text/csv; charset=utf-8"),
        (ExportKind.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (ExportKind.PDF, "application/pdf"),
        (ExportKind.HTML, "text/html; charset=utf-8"),
        (ExportKind.SVG, "image/svg+xml"),
        (ExportKind.GEOJSON, "application/geo+json"),
        (ExportKind.JSON, "application/json"),
    ],
)
def test_each_kind_has_one_content_type_and_is_never_stored(app: Flask, kind: ExportKind, content_type: str) -> None:
    with app.test_request_context():
        response = download(b"x", "file", kind)
    assert response.headers["Content-Type"] == content_type
    assert response.headers.getlist("Content-Type") == [content_type]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment; ")
    assert response.get_data() == b"x"


def test_text_content_is_sent_as_utf8(app: Flask) -> None:
    with app.test_request_context():
        response = download("één", "f.csv", ExportKind.CSV)
    assert response.get_data() == "één".encode()


def test_the_security_headers_forbid_sniffing_downloads(app: Flask) -> None:
    app.add_url_rule("/download-probe", "download_probe", lambda: download(b"a,b", "probe.csv", ExportKind.CSV))
    response = app.test_client().get("/download-probe")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
