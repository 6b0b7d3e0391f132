"""The documented limits of a survey definition, checked at load for YAML and XLSForm alike, before the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from participation.surveys.limits import (
    MAX_CHOICES,
    MAX_CONDITION_DEPTH,
    MAX_LANGUAGES,
    MAX_PAGES,
    MAX_QUESTIONS,
    MAX_SHEET_COLUMNS,
    MAX_TEXT_LENGTH,
)
from participation.surveys.loader import load_definition
from participation.surveys.problems import DefinitionError
from participation.surveys.relevant import RelevantError, parse_relevant
from participation.surveys.xlsform import load_xlsform
from tests.imports.budget import within_budget


def question(number: int, **fields: Any) -> dict[str, Any]:
    return {"id": f"q{number}", "type": "yes_no", "text": f"Vraag {number}?", **fields}


def survey(pages: list[list[dict[str, Any]]], **fields: Any) -> dict[str, Any]:
    return {
        "slug": "grens",
        "title": "Grens",
        "line": "explore",
        "languages": ["nl"],
        "pages": [{"id": f"p{p}", "title": "Pagina", "questions": questions} for p, questions in enumerate(pages)],
        **fields,
    }


def problems_of(data: dict[str, Any]) -> list[str]:
    # JSON is YAML: one question per line, so that each problem's line says which question it is.
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(DefinitionError) as refused:
        load_definition(text, "grens.yaml")
    return [problem.describe("grens.yaml") for problem in refused.value.problems]


def test_a_survey_at_every_limit_loads() -> None:
    choices = [{"value": f"c{c}", "label": "x" * MAX_TEXT_LENGTH} for c in range(MAX_CHOICES)]
    pages = [[question(p * 6 + q) for q in range(6)] for p in range(MAX_PAGES)]
    pages[0][0] = question(0, type="single_choice", choices=choices)
    with within_budget():
        definition = load_definition(json.dumps(survey(pages)), "grens.yaml")
    assert len(definition.questions()) == MAX_QUESTIONS == MAX_PAGES * 6


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (survey([[question(n) for n in range(MAX_QUESTIONS + 1)]]), "The survey has 301 questions; at most 300"),
        (survey([[question(p)] for p in range(MAX_PAGES + 1)]), "pages: The survey has 51 pages; at most 50"),
        (
            survey([[question(1)]], languages=[f"l{n:02d}"[:3] for n in range(MAX_LANGUAGES + 1)]),
            "languages: The survey has 21 languages; at most 20",
        ),
        (
            survey(
                [[question(1, type="single_choice", choices=[{"value": f"c{c}", "label": "C"} for c in range(101)])]]
            ),
            "pages[0].questions[0].choices: This question has 101 choices; at most 100",
        ),
        (
            survey([[question(1, help={"nl": "x" * (MAX_TEXT_LENGTH + 1)})]]),
            "pages[0].questions[0].help.nl: This text has 2001 characters; at most 2000",
        ),
        (survey([[question(1)]], title="x" * 5000), "title: This text has 5000 characters"),
    ],
)
def test_each_limit_is_refused_with_its_line(data: dict[str, Any], problem: str) -> None:
    problems = problems_of(data)
    assert any(problem in line for line in problems), problems


def test_the_question_limit_points_at_the_first_question_too_many() -> None:
    data = survey([[question(n) for n in range(MAX_QUESTIONS + 5)]])
    (problem,) = problems_of(data)
    lines = json.dumps(data, ensure_ascii=False, indent=1).splitlines()
    first_too_many = next(number for number, line in enumerate(lines, start=1) if '"q300"' in line) - 1  # its "{"
    assert problem == (
        f"grens.yaml:{first_too_many}: pages[0].questions[300]: The survey has 305 questions; at most 300 are allowed."
    )


def nested(depth: int) -> dict[str, Any]:
    condition: dict[str, Any] = {"question": "q0", "equals": True}
    for _ in range(depth - 1):
        condition = {"all": [condition]}
    return condition


def test_conditions_nest_at_most_ten_deep() -> None:
    fine = survey([[question(0), question(1, show_if=nested(MAX_CONDITION_DEPTH))]])
    load_definition(json.dumps(fine), "grens.yaml")
    deep = survey([[question(0), question(1, show_if=nested(MAX_CONDITION_DEPTH + 1))]])
    assert any("show_if: This condition is nested more than 10 levels deep" in p for p in problems_of(deep))


def test_relevant_expressions_nest_at_most_ten_deep() -> None:
    expression = "(" * 21 + "${a} = 'x'" + ")" * 21
    with pytest.raises(RelevantError, match="nested more than 10 levels deep"):
        parse_relevant(expression, lambda _question: None)
    assert parse_relevant("(" * 10 + "${a} = 'x'" + ")" * 10, lambda _question: None) == {
        "question": "a",
        "equals": "x",
    }


def form(tmp_path: Path, rows: list[list[Any]], header: list[str] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(header or ["type", "name", "label"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "form.xlsx"
    book.save(path)
    return path


def test_an_xlsform_is_held_to_the_same_limits(tmp_path: Path) -> None:
    path = form(tmp_path, [["integer", f"q{n}", "Hoeveel?"] for n in range(MAX_QUESTIONS + 1)])
    with pytest.raises(DefinitionError) as refused:
        load_xlsform(path)
    (problem,) = refused.value.problems
    assert problem.describe("form.xlsx") == (
        "form.xlsx:302: (survey sheet) pages[0].questions[300]: The survey has 301 questions; at most 300 are allowed."
    )


def test_an_xlsform_sheet_wider_than_the_limit_is_refused(tmp_path: Path) -> None:
    header = ["type", "name", "label"] + [f"extra{n}" for n in range(MAX_SHEET_COLUMNS)]
    path = form(tmp_path, [["integer", "age", "Leeftijd"]], header)
    with pytest.raises(DefinitionError, match="The survey sheet has more than 200 columns"):
        load_xlsform(path)


def test_other_sheets_of_a_workbook_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    book = Workbook()
    for name in ("survey", "junk"):
        sheet = book.create_sheet(name)
        sheet.append(["type", "name", "label"])
    book["survey"].append(["integer", "age", "Leeftijd"])
    junk = book["junk"]
    junk.append(["x"] * (MAX_SHEET_COLUMNS + 10))  # past the limits, but no part of an XLSForm
    book.save(path)
    assert [question.id for question in load_xlsform(path).questions()] == ["age"]
