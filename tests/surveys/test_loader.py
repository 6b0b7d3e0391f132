from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from participation.surveys.loader import load_definition, schema
from participation.surveys.model import QuestionType, SurveyDefinition
from participation.surveys.problems import DefinitionError

GOOD = """\
slug: proef
title: Proef
line: involve
languages: [nl]
pages:
  - id: een
    title: Een
    questions:
      - id: likes
        type: single_choice
        text: Vindt u het fijn?
        choices:
          - {value: "yes", label: Ja}
          - {value: "no", label: Nee}
      - id: why
        type: short_text
        text: Waarom?
        show_if: {question: likes, equals: "yes"}
  - id: twee
    title: Twee
    show_if:
      any:
        - {question: likes, answered: true}
        - {question: why, not_answered: true}
    questions:
      - id: age
        type: number
        text: Leeftijd
        minimum: 0
        maximum: 120
"""


def problems_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(DefinitionError) as caught:
        load_definition(text, "test.yaml")
    return [(problem.line, problem.message) for problem in caught.value.problems]


def test_a_good_file_loads_with_single_string_texts_in_the_default_language() -> None:
    definition = load_definition(GOOD, "good.yaml")
    assert definition.slug == "proef"
    assert definition.default_language == "nl"
    assert definition.question("why").text.get("nl") == "Waarom?"
    assert definition.question("age").type is QuestionType.NUMBER
    assert definition.is_visible("why", {"likes": "yes"})
    assert SurveyDefinition.from_dict(definition.to_dict()) == definition


def test_the_schema_is_shipped_as_package_data_and_valid() -> None:
    text = resources.files("participation.surveys").joinpath("survey.schema.json").read_text("utf-8")
    assert json.loads(text) == schema()
    jsonschema.Draft202012Validator.check_schema(schema())


def test_the_default_survey_matches_the_schema(default_survey: SurveyDefinition) -> None:
    jsonschema.validate(default_survey.to_dict(), schema())


def line_of(text: str, marker: str) -> int:
    """The 1-based number of the first line holding ``marker``: where the problem should be reported."""
    return next(number for number, line in enumerate(text.splitlines(), start=1) if marker in line)


@pytest.mark.parametrize(
    ("old", "new", "marker", "words"),
    [
        ("type: number", "type: numbre", "numbre", "'numbre' is not one of"),
        ("        minimum: 0\n", "        minimum: 0\n        colour: red\n", "colour", "unknown field 'colour'"),
        ("    title: Twee\n", "", "- id: twee", "'title' is missing"),
        ("id: why", "id: Why", "id: Why", "'Why' is not allowed here"),
        ("{question: likes, equals", "{question: likes, equal", "equal:", "unknown field 'equal'"),
        ("text: Waarom?", "text: {nl: Waarom, zo}", "Waarom, zo", "not a text"),
        ("title: Een", "title: Een\n    title: Nog een", "Nog een", "'title' appears twice"),
        ("pages:", "pages: [", "- id: een", "YAML syntax"),
    ],
)
def test_schema_and_syntax_problems_are_reported_on_their_line(old: str, new: str, marker: str, words: str) -> None:
    broken = GOOD.replace(old, new)
    assert broken != GOOD
    problems = problems_of(broken)
    assert any(line == line_of(broken, marker) and words in message for line, message in problems), problems


def test_missing_top_level_fields_and_empty_files_are_reported_on_line_one() -> None:
    assert problems_of(GOOD.replace("line: involve\n", "")) == [(1, "the survey: 'line' is missing")]
    assert problems_of("") == [(1, "the file is empty")]


@pytest.mark.parametrize(
    ("old", "new", "marker", "words"),
    [
        ("id: age", "id: likes", "id: likes\n        type: number", "question id 'likes' is used twice"),
        ("id: twee", "id: een", "- id: een\n    title: Twee", "page id 'een' is used twice"),
        ("question: likes, equals", "question: age, equals", "question: age", "not a question before it"),
        ("{question: why, not_answered", "{question: age, not_answered", "question: age", "not a question before"),
        ('equals: "yes"}', "equals: yes}", "equals: yes", "not one of its choices"),
        ('{value: "no", label: Nee}', '{value: "yes", label: Nee}', "label: Nee", "used twice"),
        ("maximum: 120", "maximum: 0", "minimum: 0", "must be below maximum"),
        ("languages: [nl]", "languages: [nl, en]", "title: Proef", "has no text in en"),
        ("title: Twee", "title: {nl: Twee, de: Zwei}", "Zwei", "de, which is not in languages"),
        ("languages: [nl]", "languages: [nl]\ndefault_language: en", "default_language", "not in languages"),
        ("        maximum: 120\n", "        maximum: 120\n        max_length: 5\n", "max_length", "max_length only"),
        ("type: short_text", "type: short_text\n        other_option: true", "other_option", "other_option only"),
        ("{question: likes, answered: true}", "{question: likes, greater_than: 3}", "greater_than", "needs a number"),
        ("{question: likes, answered: true}", "{question: likes}", "{question: likes}", "exactly one of"),
    ],
)
def test_semantic_problems_are_reported_on_their_line(old: str, new: str, marker: str, words: str) -> None:
    broken = GOOD.replace(old, new)
    assert broken != GOOD
    expected = _line_of_block(broken, marker)
    problems = problems_of(broken)
    assert any(line == expected and words in message for line, message in problems), (expected, problems)


def _line_of_block(text: str, block: str) -> int:
    return text[: text.index(block)].count("\n") + 1


def test_every_problem_is_reported_at_once() -> None:
    broken = GOOD.replace("id: age", "id: likes").replace("maximum: 120", "maximum: 0")
    assert len(problems_of(broken)) == 2


def test_the_error_text_names_file_and_line() -> None:
    with pytest.raises(DefinitionError) as caught:
        load_definition(GOOD.replace("type: number", "type: numbre"), "surveys/x.yaml")
    assert str(caught.value).startswith("surveys/x.yaml:27: ")


def test_only_safe_yaml_is_read() -> None:
    with pytest.raises(DefinitionError):
        load_definition("!!python/object/apply:os.system ['true']", "evil.yaml")
    assert yaml.safe_load(GOOD)["slug"] == "proef"


def test_the_example_in_the_documentation_is_valid() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "survey-format.md").read_text("utf-8")
    match = re.search(r"```yaml\n(format: 1.*?)```", text, re.S)
    assert match is not None
    definition = load_definition(match.group(1), "docs/survey-format.md")
    assert [q.id for q in definition.questions()] == ["rating_street", "trees", "why", "contact_details"]
    assert definition.is_visible("contact_details", {"rating_street": 5})
