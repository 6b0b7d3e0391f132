"""The limits of a survey definition, checked when it is loaded, before anything else looks at it.

A survey residents answer on a phone needs far less than these; the limits keep a mistaken or hostile file (a
spreadsheet of 300,000 rows, a text of a megabyte) from taking the server's time and memory, and are documented
in docs/survey-format.md. ``check_limits`` accepts any shape: it runs before the JSON Schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError
from participation.surveys.problems import Path, dotted

MAX_PAGES = 50
MAX_QUESTIONS = 300  # in the whole survey
MAX_CHOICES = 100  # per question
MAX_LANGUAGES = 20
MAX_TEXT_LENGTH = 2000  # characters of one text in one language: a title, question, help text or choice label
MAX_CONDITION_DEPTH = 10  # levels of all/any inside one another in a show_if
# XLSForm workbooks: rows and columns read per sheet, and what the workbook may unpack to (times the file limit).
MAX_SHEET_ROWS = 10_000
MAX_SHEET_COLUMNS = 200
UNPACKED_FACTOR = 10

MESSAGES = {
    "too_many_pages": _l("The survey has %(count)s pages; at most %(limit)s are allowed."),
    "too_many_questions": _l("The survey has %(count)s questions; at most %(limit)s are allowed."),
    "too_many_choices": _l("This question has %(count)s choices; at most %(limit)s are allowed."),
    "too_many_languages": _l("The survey has %(count)s languages; at most %(limit)s are allowed."),
    "text_too_long": _l("This text has %(count)s characters; at most %(limit)s are allowed."),
    "condition_too_deep": _l("This condition is nested more than %(limit)s levels deep."),
    "sheet_too_long": _l("The %(sheet)s sheet has more than %(limit)s rows."),
    "sheet_too_wide": _l("The %(sheet)s sheet has more than %(limit)s columns."),
}
TEXT_FIELDS = ("title", "introduction", "audience", "text", "help", "label")

Finding = tuple[Path, str]


class SurveyLimitError(CodedError):
    """A definition past one of the limits; ``field`` is the dotted path of the part concerned."""

    MESSAGES = MESSAGES


def _finding(path: Path, code: str, **params: Any) -> Finding:
    where = dotted(path)
    return path, f"{where}: {SurveyLimitError(where, code, **params).message}"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _long_texts(path: Path, owner: Any) -> Iterator[Finding]:
    if not isinstance(owner, dict):
        return
    for key in TEXT_FIELDS:
        value = owner.get(key)
        texts = value.items() if isinstance(value, dict) else [(None, value)]
        for language, text in texts:
            if isinstance(text, str) and len(text) > MAX_TEXT_LENGTH:
                where: Path = (*path, key) if language is None else (*path, key, str(language))
                yield _finding(where, "text_too_long", count=len(text), limit=MAX_TEXT_LENGTH)


def condition_depth(condition: Any) -> int:
    """How many levels of conditions lie inside one another (a single comparison is 1)."""
    if not isinstance(condition, dict):
        return 0
    parts = [*_list(condition.get("all")), *_list(condition.get("any"))]
    return 1 + max((condition_depth(part) for part in parts), default=0)


def _deep_condition(path: Path, owner: Any) -> Iterator[Finding]:
    if isinstance(owner, dict) and condition_depth(owner.get("show_if")) > MAX_CONDITION_DEPTH:
        yield _finding((*path, "show_if"), "condition_too_deep", limit=MAX_CONDITION_DEPTH)


def check_limits(data: Any) -> list[Finding]:
    """Every part of the definition past a limit. Counts come first: past them, the rest is not looked at."""
    if not isinstance(data, dict):
        return []
    pages = _list(data.get("pages"))
    languages = _list(data.get("languages"))
    counts: list[Finding] = []
    if len(languages) > MAX_LANGUAGES:
        counts.append(_finding(("languages",), "too_many_languages", count=len(languages), limit=MAX_LANGUAGES))
    if len(pages) > MAX_PAGES:
        counts.append(_finding(("pages",), "too_many_pages", count=len(pages), limit=MAX_PAGES))
    questions = [
        (("pages", p, "questions", q), question)
        for p, page in enumerate(pages)
        if isinstance(page, dict)
        for q, question in enumerate(_list(page.get("questions")))
    ]
    if len(questions) > MAX_QUESTIONS:
        path = questions[MAX_QUESTIONS][0]
        counts.append(_finding(path, "too_many_questions", count=len(questions), limit=MAX_QUESTIONS))
    if counts:
        return counts
    findings = [*_long_texts((), data)]
    for p, page in enumerate(pages):
        findings += [*_long_texts(("pages", p), page), *_deep_condition(("pages", p), page)]
    for path, question in questions:
        choices = _list(question.get("choices")) if isinstance(question, dict) else []
        if len(choices) > MAX_CHOICES:
            findings.append(_finding((*path, "choices"), "too_many_choices", count=len(choices), limit=MAX_CHOICES))
            continue
        findings += [*_long_texts(path, question), *_deep_condition(path, question)]
        for c, choice in enumerate(choices):
            findings += _long_texts((*path, "choices", c), choice)
    return findings
