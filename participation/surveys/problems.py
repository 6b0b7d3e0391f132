"""What is wrong with a survey definition file, each problem with the line (or spreadsheet row) it is on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: ``line`` is 1-based (a YAML line, or a row in ``sheet`` of a spreadsheet)."""

    line: int
    message: str
    sheet: str | None = None

    def describe(self, source: str) -> str:
        """``FILE:LINE: message``, the form editors and CI logs understand."""
        where = f" ({self.sheet} sheet)" if self.sheet else ""
        return f"{source}:{self.line}:{where} {self.message}"


class DefinitionError(Exception):
    """A survey definition that cannot be loaded; ``problems`` says every reason found, in line order."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(problem.describe(source) for problem in self.problems))


def dotted(path: Path) -> str:
    """A path like ``pages[1].questions[0].type``, to name a field in a message."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text or "the survey"
