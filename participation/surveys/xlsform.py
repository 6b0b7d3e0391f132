"""Import XLSForm, the spreadsheet format KoboToolbox and ODK users write, into the same survey model.

A ``survey`` sheet (type, name, label, hint, required, relevant, appearance), a ``choices`` sheet (list_name, name,
label) and an optional ``settings`` sheet (form_title, form_id, default_language; ``line`` is our own addition).
Texts come from ``label::Nederlands (nl)`` or ``label::nl`` columns. Groups become pages. What the model cannot
express is refused with the sheet and row, so that nothing is silently lost.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import jsonschema
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from participation.imports import DEFINITION_MAX_BYTES, ImportRefusal, check_unpacked_size, file_size
from participation.surveys.checks import check_definition
from participation.surveys.limits import (
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    UNPACKED_FACTOR,
    SurveyLimitError,
    check_limits,
)
from participation.surveys.loader import definition_from_data, schema
from participation.surveys.model import SurveyDefinition
from participation.surveys.problems import DefinitionError, Path, Problem, dotted
from participation.surveys.relevant import RelevantError, parse_relevant

XLSFORM_SUFFIXES = frozenset((".xlsx", ".xlsm"))
LANGUAGE_NAMES = {
    "nederlands": "nl", "dutch": "nl", "english": "en", "engels": "en", "türkçe": "tr", "turkish": "tr",
    "turks": "tr", "العربية": "ar", "arabic": "ar", "arabisch": "ar", "polski": "pl", "polish": "pl",
    "pools": "pl", "български": "bg", "bulgarian": "bg", "bulgaars": "bg",
}  # fmt: skip
SIMPLE_TYPES = {"integer": "number", "decimal": "number", "text": "short_text", "geopoint": "location"}
METADATA = frozenset(("start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
                      "email", "audit", "start-geopoint"))  # fmt: skip
REFUSED_COLUMNS = ("choice_filter", "calculation", "repeat_count", "constraint", "trigger")
TRUE = frozenset(("yes", "true", "1", "true()"))
SHEETS = frozenset(("survey", "choices", "settings"))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Sheet:
    """One sheet as rows of ``{column: text}``, each with its spreadsheet row number."""

    name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]


class _StreamedSheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, without the look for its dimensions when it is opened: a sheet that does not
    declare them is parsed to the end for that, 300,000 rows and all, before the first row is read."""

    def _get_size(self) -> None:
        return None


def _unreadable(source: str, error: Exception) -> DefinitionError:
    return DefinitionError(source, [Problem(1, f"not a readable .xlsx workbook ({' '.join(str(error).split())})")])


def _read(path: FilePath, max_bytes: int) -> dict[str, Sheet]:
    """The survey, choices and settings sheets, streamed; refused unread when the file is larger than
    ``max_bytes`` or unpacks to more than ``UNPACKED_FACTOR`` times that, and refused once a sheet runs past
    ``MAX_SHEET_ROWS`` rows or ``MAX_SHEET_COLUMNS`` columns, without reading the rest."""
    source = str(path)
    try:
        file_size(path, max_bytes)
        check_unpacked_size(path, max_bytes * UNPACKED_FACTOR)
    except ImportRefusal as refusal:
        raise DefinitionError(source, [Problem(1, refusal.message)]) from refusal
    # Workbooks from Kobo carry data-validation extensions openpyxl warns about; they do not matter here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            reader = ExcelReader(path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
            raise _unreadable(source, error) from error
        try:
            # What load_workbook does, less the other sheets, properties and theme, and without opening a sheet
            # the slow way (see _StreamedSheet).
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            sheets = {}
            for entry, relation in reader.parser.find_sheets():
                name = entry.name.strip().lower()
                if name in SHEETS and name not in sheets and relation.target in reader.valid_files:
                    worksheet = _StreamedSheet(reader.wb, entry.name, relation.target, reader.shared_strings)
                    sheets[name] = _sheet(worksheet, source)
            return sheets
        except DefinitionError:
            raise
        except Exception as error:  # a damaged or hostile workbook fails deep inside openpyxl, in many ways
            raise _unreadable(source, error) from error
        finally:
            reader.archive.close()


def _sheet(worksheet: Any, source: str) -> Sheet:
    # The sheet's declared dimensions are not read (they may claim a million rows and columns): what is there is.
    title = worksheet.title
    header: list[str] = []
    body = []
    for number, values in enumerate(worksheet.iter_rows(max_col=MAX_SHEET_COLUMNS + 1, values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            refusal = SurveyLimitError(title, "sheet_too_long", sheet=title, limit=MAX_SHEET_ROWS)
            raise DefinitionError(source, [Problem(number, refusal.message, title)])
        if len(values) > MAX_SHEET_COLUMNS and values[MAX_SHEET_COLUMNS] is not None:
            refusal = SurveyLimitError(title, "sheet_too_wide", sheet=title, limit=MAX_SHEET_COLUMNS)
            raise DefinitionError(source, [Problem(number, refusal.message, title)])
        if number == 1:
            header = [_cell(value) for value in values]
            continue
        row = {column: _cell(value) for column, value in zip(header, values, strict=False) if column}
        if any(row.values()):
            body.append((number, row))
    return Sheet(title, header, body)


def language_of(column: str, source: str, sheet: str) -> str:
    """The language code in a column like ``label::Nederlands (nl)``, ``label::nl`` or ``label::English``."""
    name = column.split("::", 1)[1].strip()
    code = re.search(r"\(([a-z]{2,3}(?:_[A-Z]{2})?)\)\s*$", name)
    if code:
        return code.group(1)
    if re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", name):
        return name
    if name.lower() in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[name.lower()]
    raise DefinitionError(source, [Problem(1, f"column {column!r}: write the language as 'Name (code)'", sheet)])


@dataclass
class _Builder:
    """Walks the survey sheet, building the same dictionary the YAML format has, and where each part came from."""

    source: str
    default_language: str
    choices: dict[str, list[tuple[int, dict[str, Any]]]]
    languages: set[str] = field(default_factory=set)
    pages: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[Path, tuple[str, int]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    page: dict[str, Any] | None = None
    pending_note: dict[str, str] | None = None

    def texts(self, row: dict[str, str], prefix: str, sheet: str) -> dict[str, str]:
        texts = {}
        for column, value in row.items():
            if not value:
                continue
            if column == prefix:
                texts[self.default_language] = value
            elif column.startswith(prefix + "::"):
                texts[language_of(column, self.source, sheet)] = value
        self.languages.update(texts)
        return texts

    def refuse(self, number: int, message: str, sheet: str = "survey") -> None:
        self.problems.append(Problem(number, message, sheet))

    def open_page(
        self, number: int, name: str, title: dict[str, str], relevant: dict[str, Any] | None, *, group: bool = False
    ) -> None:
        self.page = {"id": name, "title": title, "questions": [], "_group": group}
        if relevant is not None:
            self.page["show_if"] = relevant
        self.rows[("pages", len(self.pages))] = ("survey", number)
        self.pages.append(self.page)

    def condition(self, number: int, row: dict[str, str]) -> dict[str, Any] | None:
        if not row.get("relevant"):
            return None
        try:
            return parse_relevant(row["relevant"], self.types.get)
        except RelevantError as error:
            self.refuse(number, f"relevant {row['relevant']!r}: {error}")
            return None

    def add(self, number: int, row: dict[str, str]) -> None:
        kind, name = row.get("type", "").split(), row.get("name", "")
        if kind[:2] in (["begin", "group"], ["end", "group"], ["begin", "repeat"]):
            kind = ["_".join(kind[:2]), *kind[2:]]  # both spellings occur: "begin group" and "begin_group"
        head = kind[0] if kind else ""
        for column in REFUSED_COLUMNS:
            if row.get(column):
                self.refuse(number, f"{column} is not supported (row of {name or head!r})")
        if head == "begin_group":
            if self.page is not None and self.page.get("_group"):
                self.refuse(number, "groups inside groups are not supported; one group is one page")
                return
            self.open_page(number, name, self.texts(row, "label", "survey"), self.condition(number, row), group=True)
        elif head == "end_group":
            self.page = None
        elif head == "note":
            self.pending_note = self.texts(row, "label", "survey")
        elif head in METADATA or not head:
            return
        else:
            self.question(number, row, kind, name)

    def question(self, number: int, row: dict[str, str], kind: list[str], name: str) -> None:
        question: dict[str, Any] = {"id": name, "text": self.texts(row, "label", "survey")}
        head = kind[0]
        if head in ("select_one", "select_multiple") and len(kind) in (2, 3):
            question["type"] = "single_choice" if head == "select_one" else "multiple_choice"
            if len(kind) == 3 and kind[2] != "or_other":
                return self.refuse(number, f"type {' '.join(kind)!r}: only 'or_other' may follow the list name")
            if len(kind) == 3:
                question["other_option"] = True
            if kind[1] not in self.choices:
                return self.refuse(number, f"the choice list {kind[1]!r} is not on the choices sheet")
            question["choices"] = [choice for _, choice in self.choices[kind[1]]]
        elif head in SIMPLE_TYPES and len(kind) == 1:
            question["type"] = SIMPLE_TYPES[head]
            if head == "decimal":
                question["decimals"] = True
            if head == "text" and "multiline" in row.get("appearance", ""):
                question["type"] = "long_text"
        else:
            return self.refuse(number, f"question type {' '.join(kind)!r} is not supported")
        hint = self.texts(row, "hint", "survey") or self.pending_note
        self.pending_note = None
        if hint:
            question["help"] = hint
        if row.get("required", "").lower() in TRUE:
            question["required"] = True
        condition = self.condition(number, row)
        if condition is not None:
            question["show_if"] = condition
        if self.page is None:  # questions outside any group share one page until the next group
            self.open_page(number, f"page_{len(self.pages) + 1}", {}, None)
        assert self.page is not None
        path: Path = ("pages", len(self.pages) - 1, "questions", len(self.page["questions"]))
        self.rows[path] = ("survey", number)
        for c, (choice_row, _) in enumerate(self.choices.get(kind[1], ()) if "choices" in question else ()):
            self.rows[(*path, "choices", c)] = ("choices", choice_row)
        self.page["questions"].append(question)
        self.types[name] = question["type"]
        return None


def _choices(sheet: Sheet | None, builder_texts: Any) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    lists: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, row in sheet.rows if sheet else ():
        list_name = row.get("list_name") or row.get("list name", "")
        lists.setdefault(list_name, []).append(
            (number, {"value": row.get("name", ""), "label": builder_texts(row, "label", "choices")})
        )
    return lists


def _located(rows: dict[Path, tuple[str, int]], path: Path) -> tuple[str, int]:
    for end in range(len(path), -1, -1):
        if path[:end] in rows:
            return rows[path[:end]]
    return ("survey", 1)


def _problems(data: dict[str, Any], rows: dict[Path, tuple[str, int]]) -> Iterator[Problem]:
    for error in jsonschema.Draft202012Validator(schema()).iter_errors(data):
        path: Path = tuple(error.absolute_path)
        sheet, number = _located(rows, path)
        yield Problem(number, f"{dotted(path)}: {error.message}", sheet)


def load_xlsform(path: str | FilePath, max_bytes: int = DEFINITION_MAX_BYTES) -> SurveyDefinition:
    """Read an XLSForm workbook of at most ``max_bytes``; raises ``DefinitionError`` naming the sheet and row of
    every problem."""
    path = FilePath(path)
    source = str(path)
    sheets = _read(path, max_bytes)
    if "survey" not in sheets:
        raise DefinitionError(source, [Problem(1, "the workbook has no 'survey' sheet")])
    settings = dict(sheets["settings"].rows[0][1]) if "settings" in sheets and sheets["settings"].rows else {}
    default = settings.get("default_language", "")
    default = language_of("x::" + default, source, "settings") if default else "nl"
    builder = _Builder(source, default, {})
    builder.choices = _choices(sheets.get("choices"), builder.texts)
    for number, row in sheets["survey"].rows:
        builder.add(number, row)
    if builder.problems:
        raise DefinitionError(source, builder.problems)
    languages = [default, *sorted(builder.languages - {default})]
    # XLSForm has one form_title; a translated one may come in form_title::<language> columns (our addition).
    title = {language: settings.get(f"form_title::{language}", "") for language in languages}
    for column, value in settings.items():
        if column.startswith("form_title::") and value:
            title[language_of(column, source, "settings")] = value
    base = settings.get("form_title") or path.stem
    title = {language: title.get(language) or base for language in languages}
    builder.rows[("title",)] = ("settings", 2)
    for page in builder.pages:
        page.pop("_group", None)
        page["title"] = page["title"] or title
    slug = (settings.get("slug") or settings.get("form_id") or path.stem).lower().replace("_", "-")
    data = {"slug": slug, "title": title, "line": settings.get("line") or "explore", "default_language": default,
            "languages": languages, "pages": builder.pages}  # fmt: skip
    problems = []
    for where, message in check_limits(data):
        sheet, number = _located(builder.rows, where)
        problems.append(Problem(number, message, sheet))
    if problems:
        raise DefinitionError(source, problems)
    problems = list(_problems(data, builder.rows))
    if not problems:
        for finding_path, message in check_definition(data):
            sheet, number = _located(builder.rows, finding_path)
            problems.append(Problem(number, message, sheet))
    if problems:
        raise DefinitionError(source, problems)
    return definition_from_data(data)
