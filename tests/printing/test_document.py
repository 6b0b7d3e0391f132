"""The font of every PDF: DejaVu Sans from the operating system's font package, with a clear refusal without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from participation.printing import document
from participation.printing.document import FONT_PACKAGE, FontMissing, font_files


@pytest.fixture
def uncached_fonts() -> Iterator[None]:
    font_files.cache_clear()
    yield
    font_files.cache_clear()


def test_the_font_comes_from_the_os_font_package_not_from_a_python_package(uncached_fonts: None) -> None:
    files = font_files()
    assert files[""].name == "DejaVuSans.ttf" and files["B"].name == "DejaVuSans-Bold.ttf"
    for path in files.values():
        assert path.is_file()
        assert path.is_relative_to(Path("/usr/share/fonts")), path
        assert "site-packages" not in str(path.resolve())


def test_a_missing_font_names_the_package_to_install(
    uncached_fonts: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document, "FONT_DIRECTORY", tmp_path)
    with pytest.raises(FontMissing) as refused:
        font_files()
    message = str(refused.value)
    assert f"apt-get install {FONT_PACKAGE}" in message
    assert str(tmp_path / "DejaVuSans.ttf") in message
