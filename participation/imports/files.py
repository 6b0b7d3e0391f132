"""Reading import files within a bound: the size is checked before the first byte is read, and counted while
reading (a file may grow, or be a pipe); CSV is streamed row by row; text must be UTF-8."""

from __future__ import annotations

import csv
import io
import itertools
import math
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from participation.config import DEFINITION_MAX_MB, GEODATA_MAX_MB, IMPORT_MAX_MB
from participation.domain.storable import UNSTORABLE
from participation.imports.errors import ImportRefusal

MEGABYTE = 1024 * 1024
IMPORT_MAX_BYTES = IMPORT_MAX_MB * MEGABYTE
DEFINITION_MAX_BYTES = DEFINITION_MAX_MB * MEGABYTE
GEODATA_MAX_BYTES = GEODATA_MAX_MB * MEGABYTE
CSV_DELIMITERS = (";", ",", "\t")


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:g}"


def too_large(max_bytes: int) -> ImportRefusal:
    """The refusal of a file larger than ``max_bytes``."""
    return ImportRefusal("", "too_large", limit_mb=_megabytes(max_bytes))


def file_size(path: Path, max_bytes: int) -> int:
    """The size of a regular file that is at most ``max_bytes`` long; ``ImportRefusal`` for anything else."""
    try:
        status = path.stat()
    except FileNotFoundError as error:
        raise ImportRefusal("", "not_found") from error
    except OSError as error:
        raise ImportRefusal("", "unreadable", reason=error.strerror or str(error)) from error
    if not stat.S_ISREG(status.st_mode):
        raise ImportRefusal("", "not_a_file")
    if status.st_size > max_bytes:
        raise too_large(max_bytes)
    return status.st_size


def check_unpacked_size(path: Path, max_bytes: int) -> None:
    """For a ZIP container (an XLSX workbook, a zipped shapefile): its members together unpack to at most
    ``max_bytes``. Python's zipfile never returns more than a member's declared size, so the declaration holds."""
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader that follows says what is wrong with the file
    if unpacked > max_bytes:
        raise ImportRefusal("", "unpacks_too_large", limit_mb=_megabytes(max_bytes))


class _Bounded(io.RawIOBase):
    """A byte stream that refuses to deliver more than ``max_bytes``, whatever the file's size said."""

    def __init__(self, raw: IO[bytes], max_bytes: int) -> None:
        self._raw = raw
        self._left = max_bytes
        self._max_bytes = max_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._left -= count or 0
        if self._left < 0:
            raise too_large(self._max_bytes)
        return int(count or 0)


@contextmanager
def open_bounded(path: Path, max_bytes: int) -> Iterator[IO[bytes]]:
    """The file opened for reading, refused when it is not a regular file of at most ``max_bytes``."""
    file_size(path, max_bytes)
    try:
        raw = path.open("rb", buffering=0)
    except OSError as error:
        raise ImportRefusal("", "unreadable", reason=error.strerror or str(error)) from error
    with raw, io.BufferedReader(_Bounded(raw, max_bytes)) as stream:
        yield stream


def read_text(path: Path, max_bytes: int) -> str:
    """The whole file as text, for formats that are parsed as one document (YAML); at most ``max_bytes``."""
    with open_bounded(path, max_bytes) as stream:
        data = stream.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportRefusal(f"line {line}", "not_utf8", line=line) from error


def finite_number(text: str, where: str) -> float:
    """A number written with a decimal point or comma; ``ValueError`` when it is none, ``ImportRefusal`` for
    NaN and infinities, which a database stores but no figure can be."""
    value = float(text.strip().replace(",", "."))
    if not math.isfinite(value):
        raise ImportRefusal(where, "not_finite", value=repr(text.strip()))
    return value


class CsvRows:
    """The header and, row by row, the records of a CSV file being read; see ``read_csv``."""

    def __init__(self, binary: IO[bytes]) -> None:
        lines = self._lines(binary)
        first = next(lines, "")
        if not first:
            raise ImportRefusal("", "empty")
        # The delimiter the header line uses most: CBS and BAG exports use semicolons, others commas or tabs.
        self.delimiter = max(CSV_DELIMITERS, key=first.count)
        self._reader = csv.reader(itertools.chain([first], lines), delimiter=self.delimiter, strict=True)
        self.header = [name.strip() for name in self._next() or []]

    @staticmethod
    def _lines(binary: IO[bytes]) -> Iterator[str]:
        """The file's lines as text, each decoded on its own so that an error names its line (a byte of a UTF-8
        character is never a newline, so cutting at newlines never cuts a character)."""
        for number, raw in enumerate(binary, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise ImportRefusal(f"row {number}", "not_utf8") from error
            # Python's csv module lets NUL bytes through since 3.11; the rule for what the database may keep is the
            # same as for what people type (participation.domain.storable).
            unstorable = UNSTORABLE.search(line)
            if unstorable is not None:
                if unstorable.group() == "\x00":
                    raise ImportRefusal(f"row {number}", "not_text")
                character = f"#x{ord(unstorable.group()):04x}"
                raise ImportRefusal(f"row {number}", "control_character", character=character)
            yield line

    def _next(self) -> list[str] | None:
        try:
            return next(self._reader, None)
        except csv.Error as error:
            raise ImportRefusal(f"row {self._reader.line_num}", "not_csv", reason=str(error)) from error

    def __iter__(self) -> Iterator[tuple[str, dict[str, str]]]:
        """("row N", {column: value}) for every row that is not blank; a row with another number of fields than
        the header is refused, since it is what a file cut off in the middle looks like."""
        expected = len(self.header)
        while (row := self._next()) is not None:
            where = f"row {self._reader.line_num}"
            if not any(field.strip() for field in row):
                continue
            if len(row) != expected:
                raise ImportRefusal(where, "field_count", found=len(row), expected=expected)
            yield where, dict(zip(self.header, row, strict=True))


@contextmanager
def read_csv(path: Path, max_bytes: int) -> Iterator[CsvRows]:
    """A CSV file (UTF-8, with or without byte order mark; comma, semicolon or tab), streamed within
    ``max_bytes``. ``ImportRefusal`` names the row of the first thing that makes it unreadable."""
    with open_bounded(path, max_bytes) as stream:
        yield CsvRows(stream)
