"""Errors of the geodata domain, worded so that a person running an import or a deployment can act on them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class GeoDataError(Exception):
    """Geodata is missing, inconsistent or cannot be used as configured."""


class FocusAreaError(GeoDataError):
    """The FOCUS_AREA setting names no usable set of buurten."""


class InvalidCoordinates(ValueError):
    """A latitude/longitude pair that is not a point on earth (NaN, out of range)."""


class InvalidPostcode(ValueError):
    """A string that is not a Dutch postcode (four digits, two letters)."""


class GeoImportError(GeoDataError):
    """An import file is unusable; names the file, where in it (row or feature) and what is wrong.

    An import collects the problems it finds (up to a limit) before failing, so one run shows the
    whole extent of a broken file instead of one line at a time.
    """

    def __init__(self, file: Path | str, problems: Sequence[tuple[str, str]]) -> None:
        self.file = str(file)
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if not self.problems:
            return f"{self.file}: unusable"
        where, what = self.problems[0]
        first = f"{self.file}: {where}: {what}" if where else f"{self.file}: {what}"
        if len(self.problems) == 1:
            return first
        rest = "; ".join(f"{w}: {p}" if w else p for w, p in self.problems[1:5])
        more = len(self.problems) - 5
        tail = f" (and {more} more)" if more > 0 else ""
        return f"{first}; also {rest}{tail}"


class ProblemCollector:
    """Gathers (where, what) problems of one file and raises them together as a GeoImportError."""

    def __init__(self, file: Path | str, limit: int = 50) -> None:
        self.file = file
        self.limit = limit
        self.problems: list[tuple[str, str]] = []
        self.truncated = False

    def add(self, where: str, what: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append((where, what))
        else:
            self.truncated = True

    def fail(self, where: str, what: str) -> GeoImportError:
        """An error for one problem that makes reading further pointless."""
        return GeoImportError(self.file, [*self.problems, (where, what)])

    def raise_if_any(self) -> None:
        if self.problems:
            problems = list(self.problems)
            if self.truncated:
                problems.append(("", f"stopped listing after {self.limit} problems"))
            raise GeoImportError(self.file, problems)
