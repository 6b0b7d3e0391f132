"""Helpers for the tests of hostile import files: cheap big files, and a bound on time and memory."""

from __future__ import annotations

import hashlib
import resource
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from openpyxl import Workbook

from participation.extensions import db

MB = 1024 * 1024
SECONDS = 10  # what issue 10 allows a refusal to take
MEMORY = 500 * MB


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk (a hole), to stand for an oversized upload."""
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def cut_off(source: Path, target: Path, fraction: float = 0.5) -> Path:
    """The first part of ``source``, as a file broken off in the middle of a transfer."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs" in YAML: a few hundred bytes that safe_load would expand to 10**levels values."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def huge_xlsform(path: Path, questions: int) -> Path:
    """An XLSForm with this many questions. openpyxl's write-only mode makes the workbook; its survey sheet is
    then written again directly, row by row, which takes a second where openpyxl takes half a minute."""
    book = Workbook(write_only=True)
    book.create_sheet("survey").append(["type", "name", "label"])
    small = path.with_name(f"small-{path.name}")
    book.save(small)
    cells = (
        '<c r="A{n}" t="inlineStr"><is><t>integer</t></is></c><c r="B{n}" t="inlineStr"><is><t>q{n}</t></is></c>'
        '<c r="C{n}" t="inlineStr"><is><t>Hoeveel?</t></is></c>'
    )
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                target.writestr(member, source.read(member))
                continue
            with target.open(member.filename, "w") as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    b'<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c>'
                    b'<c r="B1" t="inlineStr"><is><t>name</t></is></c>'
                    b'<c r="C1" t="inlineStr"><is><t>label</t></is></c></row>'
                )
                for first in range(2, questions + 2, 10_000):
                    rows = range(first, min(first + 10_000, questions + 2))
                    sheet.write("".join(f'<row r="{n}">{cells.format(n=n)}</row>' for n in rows).encode())
                sheet.write(b"</sheetData></worksheet>")
    small.unlink()
    return path


@dataclass
class Usage:
    seconds: float = 0.0
    rss_growth_bytes: int = 0  # how much the process's largest resident size grew (C libraries included)
    peak_bytes: int = 0  # the most memory Python objects held at once (tracemalloc; only within_memory)


@contextmanager
def within_budget() -> Iterator[Usage]:
    """Measure the block's time and the growth of the process's peak resident memory, then assert they stayed
    under SECONDS and MEMORY. (Not traced: tracemalloc makes parsing several times slower.)"""
    usage = Usage()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    yield usage
    usage.seconds = time.perf_counter() - start
    usage.rss_growth_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before
    assert usage.seconds < SECONDS and usage.rss_growth_bytes < MEMORY, usage


@contextmanager
def within_memory() -> Iterator[Usage]:
    """Trace the block's Python allocations, then assert their peak stayed under MEMORY."""
    usage = Usage()
    tracemalloc.start()
    try:
        yield usage
        usage.peak_bytes = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert usage.peak_bytes < MEMORY, usage


def database_state(app: Flask) -> dict[str, list[str]]:
    """Every row of every table, to compare before and after a refused import."""
    with app.app_context():
        return {
            table.name: sorted(repr(tuple(row)) for row in db.session.execute(sa.select(table)))
            for table in db.metadata.sorted_tables
        }


def directory_state(directory: Path) -> dict[str, str]:
    """Every file under ``directory`` with a digest of its content."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
