from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from participation.models.lines import ParticipationLine
from participation.surveys.model import Choice, Condition, Page, Question, QuestionType, SurveyDefinition, Texts
from participation.surveys.problems import DefinitionError
from participation.surveys.relevant import RelevantError, parse_relevant
from participation.surveys.xlsform import load_xlsform

SURVEY_HEADER = ["type", "name", "label::Nederlands (nl)", "label::English (en)", "hint::nl", "hint::en", "required",
                 "relevant", "appearance"]  # fmt: skip
SURVEY_ROWS = [
    ["start", "start"],
    ["begin_group", "buurt", "Uw buurt", "Your neighbourhood"],
    ["select_one yn", "likes", "Fijn?", "Nice?", "", "", "yes"],
    ["integer", "age", "Leeftijd", "Age", "In jaren", "In years", "", "${likes} = 'yes'"],
    ["end_group"],
    ["begin group", "meer", "Meer", "More", "", "", "", "${age} > 17"],
    ["note", "intro", "Kies wat past", "Choose what fits"],
    [
        "select_multiple topics or_other",
        "topics",
        "Wat?",
        "What?",
        "",
        "",
        "",
        "selected(${likes}, 'no') or ${age} < 5",
    ],
    ["text", "why", "Waarom?", "Why?", "", "", "", "", "multiline"],
    ["geopoint", "where", "Waar?", "Where?"],
    ["end group"],
]
CHOICE_ROWS = [
    ["list_name", "name", "label::Nederlands (nl)", "label::English (en)"],
    ["yn", "yes", "Ja", "Yes"],
    ["yn", "no", "Nee", "No"],
    ["topics", "green", "Groen", "Green"],
    ["topics", "safe", "Veilig", "Safe"],
]


def workbook(tmp_path: Path, survey: list[list[Any]], choices: list[list[Any]] | None = None, **settings: str) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in [SURVEY_HEADER, *survey]:
        sheet.append(row)
    choice_sheet = book.create_sheet("choices")
    for row in choices if choices is not None else CHOICE_ROWS:
        choice_sheet.append(row)
    if settings:
        settings_sheet = book.create_sheet("settings")
        settings_sheet.append(list(settings))
        settings_sheet.append(list(settings.values()))
    path = tmp_path / "form.xlsx"
    book.save(path)
    return path


def nl_en(nl: str, en: str) -> Texts:
    return Texts.of({"nl": nl, "en": en})


def test_a_small_form_becomes_the_expected_model(tmp_path: Path) -> None:
    path = workbook(tmp_path, SURVEY_ROWS, form_title="Proef", form_id="proef_form", default_language="Nederlands (nl)")
    expected = SurveyDefinition(
        slug="proef-form",
        title=nl_en("Proef", "Proef"),
        introduction=None,
        line=ParticipationLine.EXPLORE,
        default_language="nl",
        languages=("nl", "en"),
        pages=(
            Page(
                "buurt",
                nl_en("Uw buurt", "Your neighbourhood"),
                (
                    Question(
                        "likes",
                        QuestionType.SINGLE_CHOICE,
                        nl_en("Fijn?", "Nice?"),
                        required=True,
                        choices=(Choice("yes", nl_en("Ja", "Yes")), Choice("no", nl_en("Nee", "No"))),
                    ),
                    Question(
                        "age",
                        QuestionType.NUMBER,
                        nl_en("Leeftijd", "Age"),
                        help=nl_en("In jaren", "In years"),
                        show_if=Condition.compare("likes", "equals", "yes"),
                    ),
                ),
            ),
            Page(
                "meer",
                nl_en("Meer", "More"),
                (
                    Question(
                        "topics",
                        QuestionType.MULTIPLE_CHOICE,
                        nl_en("Wat?", "What?"),
                        help=nl_en("Kies wat past", "Choose what fits"),
                        choices=(Choice("green", nl_en("Groen", "Green")), Choice("safe", nl_en("Veilig", "Safe"))),
                        other_option=True,
                        show_if=Condition.any_of(
                            Condition.compare("likes", "equals", "no"), Condition.compare("age", "less_than", 5)
                        ),
                    ),
                    Question("why", QuestionType.LONG_TEXT, nl_en("Waarom?", "Why?")),
                    Question("where", QuestionType.LOCATION, nl_en("Waar?", "Where?")),
                ),
                show_if=Condition.compare("age", "greater_than", 17),
            ),
        ),
    )
    assert load_xlsform(path) == expected


def test_ungrouped_questions_share_a_page_and_plain_label_columns_are_the_default_language(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in (["type", "name", "label", "required"], ["decimal", "height", "Lengte", "TRUE"], ["text", "n", "Naam"]):
        sheet.append(row)
    path = tmp_path / "plain.xlsx"
    book.save(path)
    definition = load_xlsform(path)
    assert definition.slug == "plain"
    assert definition.languages == ("nl",)
    assert [page.id for page in definition.pages] == ["page_1"]
    height = definition.question("height")
    assert height.decimals and height.required
    assert definition.question("n").type is QuestionType.SHORT_TEXT


@pytest.mark.parametrize(
    ("row", "sheet", "number", "words"),
    [
        (["range", "r", "R", "R"], "survey", 3, "question type 'range' is not supported"),
        (["begin_repeat", "r", "R", "R"], "survey", 3, "'begin_repeat' is not supported"),
        (["select_one nolist", "r", "R", "R"], "survey", 3, "'nolist' is not on the choices sheet"),
        (["integer", "r", "R", "R", "", "", "", "count(${likes}) > 1"], "survey", 3, "relevant"),
        (["integer", "r", "R", "R", "", "", "", "${likes} = 'maybe'"], "survey", 3, "not one of its choices"),
        (["integer", "r", "R", "R", "", "", "", "${later} = 'yes'"], "survey", 3, "not a question before it"),
        (["integer", "Bad-Name", "R", "R"], "survey", 3, "Bad-Name"),
        (["integer", "r", "R"], "survey", 3, "has no text in en"),
    ],
)
def test_unsupported_or_wrong_rows_name_their_sheet_and_row(
    tmp_path: Path, row: list[str], sheet: str, number: int, words: str
) -> None:
    rows = [["select_one yn", "likes", "Fijn?", "Nice?"], row, ["integer", "later", "Later", "Later"]]
    with pytest.raises(DefinitionError) as caught:
        load_xlsform(workbook(tmp_path, rows))
    found = [(p.sheet, p.line, p.message) for p in caught.value.problems]
    assert any(s == sheet and n == number and words in m for s, n, m in found), found


def test_a_choice_problem_points_at_the_choices_sheet(tmp_path: Path) -> None:
    choices = [*CHOICE_ROWS[:3], ["yn", "yes", "Ja", "Yes again"]]
    with pytest.raises(DefinitionError) as caught:
        load_xlsform(workbook(tmp_path, [["select_one yn", "likes", "Fijn?", "Nice?"]], choices))
    problem = caught.value.problems[0]
    assert (problem.sheet, problem.line) == ("choices", 4)
    assert "used twice" in problem.message
    assert "(choices sheet)" in problem.describe("form.xlsx")


def test_constraints_and_nested_groups_are_refused(tmp_path: Path) -> None:
    header_constraint = [*SURVEY_HEADER, "constraint"]
    rows = [["begin_group", "a", "A", "A"], ["begin_group", "b", "B", "B"], ["end_group"], ["end_group"]]
    with pytest.raises(DefinitionError, match="groups inside groups"):
        load_xlsform(workbook(tmp_path, rows))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(header_constraint)
    sheet.append(["integer", "age", "Leeftijd", "Age", "", "", "", "", "", ". < 120"])
    book.save(tmp_path / "c.xlsx")
    with pytest.raises(DefinitionError, match="constraint is not supported"):
        load_xlsform(tmp_path / "c.xlsx")


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("not a zip")
    with pytest.raises(DefinitionError, match="not a readable"):
        load_xlsform(path)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("${q} = 'a'", {"question": "q", "equals": "a"}),
        ("${q}!='a'", {"question": "q", "not_equals": "a"}),
        ("${n} > '17'", {"question": "n", "greater_than": 17}),
        ("5 < ${n}", {"question": "n", "greater_than": 5}),
        ("${n} <= 3", {"any": [{"question": "n", "less_than": 3}, {"question": "n", "equals": 3}]}),
        ("${q} = ''", {"question": "q", "not_answered": True}),
        ("${q} != \"\"", {"question": "q", "answered": True}),
        ("string-length(${q}) > 0", {"question": "q", "answered": True}),
        ("not(selected(${q}, 'a'))", {"question": "q", "not_equals": "a"}),
        ("${q} = 1", {"question": "q", "equals": "1"}),
        (
            "(${q} = 'a' or ${q} = 'b') and ${n} < 3",
            {"all": [{"any": [{"question": "q", "equals": "a"}, {"question": "q", "equals": "b"}]},
                     {"question": "n", "less_than": 3}]},
        ),
    ],
)  # fmt: skip
def test_relevant_expressions(expression: str, expected: dict[str, Any]) -> None:
    kinds = {"q": "single_choice", "n": "number"}
    assert parse_relevant(expression, kinds.get) == expected


@pytest.mark.parametrize(
    "expression", ["", "${q} = ", "count(${q}) > 1", "not(${q} = 'a' and ${n} > 1)", "${q} = 'a' xor"]
)
def test_relevant_expressions_we_refuse(expression: str) -> None:
    with pytest.raises(RelevantError):
        parse_relevant(expression, {}.get)
