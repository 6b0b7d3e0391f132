from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskCliRunner
from openpyxl import Workbook

from participation.cli.surveys import read_definition_file, surveys

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SURVEY = PROJECT_ROOT / "surveys" / "bewonersenquete.yaml"

BROKEN = """\
slug: broken
title: {nl: Kapot}
line: explore
languages: [nl]
pages:
  - id: een
    title: {nl: Een}
    questions:
      - id: q1
        type: ratingg
        text: {nl: Cijfer}
      - id: q2
        type: yes_no
        text: {nl: Doet u mee}
        show_if: {question: q3, equals: true}
"""


def test_the_default_survey_validates(runner: FlaskCliRunner) -> None:
    result = runner.invoke(surveys, ["validate", str(DEFAULT_SURVEY)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"ok: {DEFAULT_SURVEY}: survey 'bewonersenquete', 6 pages")
    assert "nl, en, tr, ar, pl, bg" in result.output


def test_validate_prints_file_line_message_and_exits_1(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(surveys, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:10: pages[0].questions[0].type: 'ratingg' is not one of" in result.output


def test_validate_reports_semantic_problems_on_their_lines(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    fixed_type = BROKEN.replace("ratingg", "rating")
    path.write_text(fixed_type.replace("text: {nl: Doet u mee}", "text: {nl: Doet u mee, en: Join}"))
    result = runner.invoke(surveys, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith(f"{path}:14: ") and "en, which is not in languages" in line for line in lines), lines
    assert any(line.startswith(f"{path}:15: ") and "'q3', which is not a question before it" in line for line in lines)


def test_validate_reads_xlsform_and_names_the_sheet(runner: FlaskCliRunner, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in (["type", "name", "label::nl"], ["integer", "age", "Leeftijd"], ["range", "r", "Schaal"]):
        sheet.append(row)
    path = tmp_path / "form.xlsx"
    book.save(path)
    result = runner.invoke(surveys, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: (survey sheet) question type 'range' is not supported" in result.output
    sheet.delete_rows(3)
    book.save(path)
    result = runner.invoke(surveys, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert read_definition_file(path).question("age").text.get("nl") == "Leeftijd"


def test_validate_refuses_a_missing_file_and_non_utf8(runner: FlaskCliRunner, tmp_path: Path) -> None:
    assert runner.invoke(surveys, ["validate", str(tmp_path / "nope.yaml")]).exit_code == 2
    path = tmp_path / "latin1.yaml"
    path.write_bytes("slug: caf\xe9".encode("latin-1"))
    result = runner.invoke(surveys, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1: The file is not UTF-8 text" in result.output
