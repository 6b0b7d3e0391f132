"""Why an import refuses a file: one line that names the file and, where it can, the row or line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

MESSAGES = {
    "not_found": _l("The file does not exist."),
    "not_a_file": _l("This is not a regular file."),
    "unreadable": _l("The file cannot be read: %(reason)s"),
    "too_large": _l("The file holds more than %(limit_mb)s MB, the most accepted for this kind of file."),
    "unpacks_too_large": _l("The file unpacks to more than %(limit_mb)s MB, the most accepted for this kind of file."),
    "not_utf8": _l("The file is not UTF-8 text; save it as UTF-8 (in Excel: CSV UTF-8 for a table)."),
    "not_text": _l("The file holds binary data (a NUL byte), not text."),
    "control_character": _l("The file holds the control character %(character)s; is it a text file?"),
    "empty": _l("The file is empty."),
    "not_csv": _l("This is not readable as CSV: %(reason)s"),
    "field_count": _l("This row has %(found)s fields where the header has %(expected)s; is the file cut off?"),
    "not_finite": _l("%(value)s is not a number that can be stored."),
    "yaml_too_large": _l("The YAML document holds more than %(limit)s values, aliases counted as often as used."),
    "yaml_too_deep": _l("The YAML document is nested more than %(limit)s levels deep."),
    "yaml_recursive": _l("An alias refers to the value it is part of."),
}


class ImportRefusal(CodedError):
    """A file, or a place in it, that an import will not read further; ``field`` says where ("row 7", "line 3",
    or "" for the whole file)."""

    MESSAGES = MESSAGES


class ImportFileError(ValueError):
    """An import file is unusable: the file, and (where, what) problems, said on one line with the first in full.

    An import collects the problems it finds (up to a limit) before failing, so one run shows the whole extent
    of a broken file instead of one line at a time.
    """

    def __init__(self, file: Path | str, problems: Sequence[tuple[str, str]]) -> None:
        self.file = str(file)
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if not self.problems:
            return f"{self.file}: unusable"
        # What a library says (GDAL, openpyxl) may run over several lines; the message stays on one.
        problems = [(where, " ".join(what.split())) for where, what in self.problems]
        where, what = problems[0]
        first = f"{self.file}: {where}: {what}" if where else f"{self.file}: {what}"
        if len(self.problems) == 1:
            return first
        rest = "; ".join(f"{w}: {p}" if w else p for w, p in problems[1:5])
        more = len(problems) - 5
        tail = f" (and {more} more)" if more > 0 else ""
        return f"{first}; also {rest}{tail}"


class ProblemCollector:
    """Gathers (where, what) problems of one file and raises them together as ``error`` (an ImportFileError)."""

    def __init__(self, file: Path | str, limit: int = 50, error: type[ImportFileError] = ImportFileError) -> None:
        self.file = file
        self.limit = limit
        self.error = error
        self.problems: list[tuple[str, str]] = []
        self.truncated = False

    def add(self, where: str, what: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append((where, what))
        else:
            self.truncated = True

    def refuse(self, refusal: ImportRefusal) -> None:
        """Note a refusal among the problems, to raise later with the others."""
        self.add(refusal.field, refusal.message)

    def fail(self, where: str, what: str) -> ImportFileError:
        """An error for one problem that makes reading further pointless."""
        return self.error(self.file, [*self.problems, (where, what)])

    def stop(self, refusal: ImportRefusal) -> ImportFileError:
        """An error for a refusal that makes reading further pointless, after the problems found so far."""
        return self.fail(refusal.field, refusal.message)

    def raise_if_any(self) -> None:
        if self.problems:
            problems = list(self.problems)
            if self.truncated:
                problems.append(("", f"stopped listing after {self.limit} problems"))
            raise self.error(self.file, problems)
