"""Checks a JSON Schema cannot express, on a definition that already has the right shape.

Each finding is a ``(path, message)`` pair; the loader turns the path into a line number (or spreadsheet row).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from participation.surveys.conditions import COMPARISONS, OTHER, Operator
from participation.surveys.model import CHOICE_TYPES, TEXT_TYPES, QuestionType
from participation.surveys.problems import Path, dotted

Finding = tuple[Path, str]
NUMERIC = frozenset((QuestionType.RATING, QuestionType.AGREEMENT, QuestionType.NUMBER))
TEXT_FIELDS = ("title", "introduction", "audience", "text", "help", "label")


def expand_texts(data: Any, language: str) -> Any:
    """Turn every text given as one string into ``{default language: string}``, so each text is a mapping."""
    if isinstance(data, list):
        return [expand_texts(item, language) for item in data]
    if not isinstance(data, dict):
        return data
    expanded = {}
    for key, value in data.items():
        if key in TEXT_FIELDS and isinstance(value, str):
            expanded[key] = {language: value}
        elif key == "show_if":
            expanded[key] = value  # conditions hold no texts, and a choice value may be called "label"
        else:
            expanded[key] = expand_texts(value, language)
    return expanded


def _texts(data: dict[str, Any]) -> Iterator[tuple[Path, dict[str, str]]]:
    for key in ("title", "introduction", "audience"):
        if key in data:
            yield (key,), data[key]
    for p, page in enumerate(data["pages"]):
        yield ("pages", p, "title"), page["title"]
        for q, question in enumerate(page["questions"]):
            base: Path = ("pages", p, "questions", q)
            for key in ("text", "help"):
                if key in question:
                    yield (*base, key), question[key]
            for c, choice in enumerate(question.get("choices", ())):
                yield (*base, "choices", c, "label"), choice["label"]


def check_languages(data: dict[str, Any]) -> Iterator[Finding]:
    """The default language is declared, and every text is there in every declared language and no other."""
    declared = data["languages"]
    default = data.get("default_language", declared[0])
    if default not in declared:
        yield ("default_language",), f"the default language {default!r} is not in languages"
    for path, texts in _texts(data):
        missing = [code for code in declared if code not in texts]
        extra = [code for code in texts if code not in declared]
        if missing:
            yield path, f"{dotted(path)} has no text in {', '.join(missing)}"
        if extra:
            yield path, f"{dotted(path)} has a text in {', '.join(extra)}, which is not in languages"


def _check_question(path: Path, question: dict[str, Any]) -> Iterator[Finding]:
    kind = QuestionType(question["type"])
    name = question["id"]
    if kind not in CHOICE_TYPES:
        for key in ("choices", "other_option"):
            if key in question:
                yield (*path, key), f"question {name}: {key} only applies to single_choice and multiple_choice"
    if kind is not QuestionType.NUMBER:
        for key in ("minimum", "maximum", "decimals"):
            if key in question:
                yield (*path, key), f"question {name}: {key} only applies to number (rating is 1-10, agreement 1-5)"
    for key in ("max_length", "tone"):
        if kind not in TEXT_TYPES and key in question:
            yield (*path, key), f"question {name}: {key} only applies to short_text and long_text"
    values = [choice["value"] for choice in question.get("choices", ())]
    for c, value in enumerate(values):
        if value in values[:c]:
            yield (*path, "choices", c, "value"), f"question {name}: choice value {value!r} is used twice"
        if value == OTHER and question.get("other_option"):
            yield (
                (*path, "choices", c, "value"),
                (f"question {name}: the value {OTHER!r} is reserved for other_option; use another value"),
            )
    low, high = question.get("minimum"), question.get("maximum")
    if low is not None and high is not None and low >= high:
        yield (*path, "minimum"), f"question {name}: minimum {low} must be below maximum {high}"
    if not question.get("decimals"):
        for key in ("minimum", "maximum"):
            if isinstance(question.get(key), float) and not question[key].is_integer():
                yield (*path, key), f"question {name}: {key} must be a whole number unless decimals is true"


def _value_fits(kind: QuestionType, question: dict[str, Any], value: Any) -> str | None:
    """Why a condition value can never match an answer to this question, or ``None``."""
    if kind in CHOICE_TYPES:
        allowed = [choice["value"] for choice in question["choices"]]
        if question.get("other_option"):
            allowed.append(OTHER)
        if value not in allowed or not isinstance(value, str):
            hint = " (write yes and no in quotes: 'yes')" if isinstance(value, bool) else ""
            return f"{value!r} is not one of its choices: {', '.join(allowed)}{hint}"
    elif kind in (QuestionType.YES_NO, QuestionType.CONTACT_CONSENT):
        if not isinstance(value, bool):
            return f"{value!r} is not true or false"
    elif kind in NUMERIC:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{value!r} is not a number"
    elif kind in TEXT_TYPES:
        if not isinstance(value, str):
            return f"{value!r} is not a text"
    else:
        return "a location can only be tested with answered or not_answered"
    return None


def _check_condition(
    path: Path, condition: dict[str, Any], earlier: dict[str, dict[str, Any]], owner: str
) -> Iterator[Finding]:
    groups = [key for key in ("all", "any") if key in condition]
    operators = [key for key in condition if key != "question"]
    if groups:
        if len(condition) != 1:
            yield path, f"{owner}: show_if with {groups[0]} takes nothing else beside it"
            return
        for i, part in enumerate(condition[groups[0]]):
            yield from _check_condition((*path, groups[0], i), part, earlier, owner)
        return
    if "question" not in condition or len(operators) != 1:
        yield path, f"{owner}: show_if needs a question and exactly one of {', '.join(sorted(COMPARISONS))}"
        return
    target, operator = condition["question"], Operator(operators[0])
    if target not in earlier:
        yield (
            (*path, "question"),
            (
                f"{owner}: show_if refers to {target!r}, which is not a question before it "
                "(on an earlier page, or earlier on the same page)"
            ),
        )
        return
    question = earlier[target]
    kind = QuestionType(question["type"])
    if operator in (Operator.GREATER_THAN, Operator.LESS_THAN) and kind not in NUMERIC:
        yield (*path, operator.value), f"{owner}: {operator} needs a number question, but {target} is {kind}"
        return
    values = condition[operator] if operator is Operator.ANY_OF else [condition[operator]]
    if operator in (Operator.ANSWERED, Operator.NOT_ANSWERED):
        values = []
    for value in values:
        problem = _value_fits(kind, question, value)
        if problem is not None:
            yield (*path, operator.value), f"{owner}: show_if on {target} ({kind}): {problem}"


def check_structure(data: dict[str, Any]) -> Iterator[Finding]:
    """Unique ids, conditions that only look back, choices, bounds and indicators."""
    page_ids: set[str] = set()
    earlier: dict[str, dict[str, Any]] = {}
    indicators: set[str] = set()
    for p, page in enumerate(data["pages"]):
        page_path: Path = ("pages", p)
        if page["id"] in page_ids:
            yield (*page_path, "id"), f"page id {page['id']!r} is used twice"
        page_ids.add(page["id"])
        if "show_if" in page:
            yield from _check_condition((*page_path, "show_if"), page["show_if"], earlier, f"page {page['id']}")
        for q, question in enumerate(page["questions"]):
            path: Path = (*page_path, "questions", q)
            name = question["id"]
            if name in earlier:
                yield (*path, "id"), f"question id {name!r} is used twice"
            if "show_if" in question:
                yield from _check_condition((*path, "show_if"), question["show_if"], earlier, f"question {name}")
            yield from _check_question(path, question)
            indicator = question.get("indicator")
            if indicator is not None:
                if indicator in indicators:
                    yield (*path, "indicator"), f"question {name}: indicator {indicator!r} is fed by two questions"
                indicators.add(indicator)
            earlier.setdefault(name, question)


def check_definition(data: dict[str, Any]) -> list[Finding]:
    """Every finding for a definition whose shape the JSON Schema accepted, texts already expanded."""
    return [*check_structure(data), *check_languages(data), *check_closing_day(data)]


def check_closing_day(data: dict[str, Any]) -> Iterator[Finding]:
    """The closing day is a day of the calendar (the schema only checks that it looks like one)."""
    if "closes" in data:
        try:
            date.fromisoformat(str(data["closes"]))
        except ValueError:
            yield ("closes",), f"closes {data['closes']!r} is not a day: write it as YYYY-MM-DD"
