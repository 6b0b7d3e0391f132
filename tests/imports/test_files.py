"""The bounded readers every import uses: size before reading, counted while reading, CSV row by row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from participation.imports import ImportRefusal, file_size, finite_number, open_bounded, read_csv, read_text
from tests.imports.budget import MB, sparse_file


def refusal_of(call: object, *args: object) -> ImportRefusal:
    with pytest.raises(ImportRefusal) as refused:
        call(*args)  # type: ignore[operator]
    return refused.value


def test_the_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = sparse_file(tmp_path / "big.csv", 2 * MB + 1)
    refused = refusal_of(file_size, big, 2 * MB)
    assert refused.message == "The file holds more than 2 MB, the most accepted for this kind of file."
    assert file_size(big, 3 * MB) == 2 * MB + 1
    assert refusal_of(file_size, tmp_path / "missing.csv", MB).message == "The file does not exist."
    assert refusal_of(file_size, tmp_path, MB).code == "not_a_file"


def test_reading_stops_at_the_bound_even_when_the_size_said_less(tmp_path: Path) -> None:
    # A pipe reports size 0 but gives what the writer writes: the count while reading catches it. (The import
    # commands refuse a pipe anyway, as not a regular file; this checks the second line of defence.)
    path = tmp_path / "growing.csv"
    path.write_bytes(b"x" * 10)
    with open_bounded(path, 100) as stream:
        with path.open("ab") as more:
            more.write(b"y" * 1000)
        with pytest.raises(ImportRefusal) as refused:
            stream.read()
    assert refused.value.code == "too_large"


def test_a_pipe_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert refusal_of(file_size, fifo, MB).code == "not_a_file"  # refused without opening it, which would block


def test_text_must_be_utf8_and_says_on_which_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: 2\nc: caf\xe9\n".encode("latin-1"))
    refused = refusal_of(read_text, path, MB)
    assert (refused.code, refused.field) == ("not_utf8", "line 3")
    path.write_bytes("\ufeffa: 1\n".encode())
    assert read_text(path, MB) == "a: 1\n"  # a byte order mark is no part of the text


def rows_of(path: Path) -> list[tuple[str, dict[str, str]]]:
    with read_csv(path, MB) as table:
        return list(table)


def test_csv_rows_with_the_delimiter_of_the_header(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text('a;b\n1;"x;y"\n\n;\n2;"two\nlines"\n', encoding="utf-8")
    assert rows_of(path) == [("row 2", {"a": "1", "b": "x;y"}), ("row 6", {"a": "2", "b": "two\nlines"})]


@pytest.mark.parametrize(
    ("content", "field", "code"),
    [
        (b"a,b,c\n1,2,3\n4,5", "row 3", "field_count"),
        (b"a,b\n1,2,3\n", "row 2", "field_count"),
        (b'a,b\n1,"open\n', "row 2", "not_csv"),
        (b"a,b\n1,\x002\n", "row 2", "not_text"),
        (b"a,b\n1,2\n3,\x1b[0m\n", "row 3", "control_character"),
        (b"a,b\n1,2\n3,\xff\n", "row 3", "not_utf8"),
        (b"", "", "empty"),
    ],
)
def test_csv_refuses_cut_off_and_binary_content_with_the_row(
    tmp_path: Path, content: bytes, field: str, code: str
) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(content)
    refused = refusal_of(rows_of, path)
    assert (refused.field, refused.code) == (field, code)


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_finite_numbers_only(text: str) -> None:
    assert refusal_of(finite_number, text, "row 4").message == f"{text!r} is not a number that can be stored."


def test_finite_number_reads_decimal_commas() -> None:
    assert finite_number(" 7,25 ", "row 2") == 7.25
    with pytest.raises(ValueError, match="could not convert"):
        finite_number("zeven", "row 2")
