"""The answers table and its files: a variable per question, one 0/1 variable per option of a multiple-choice
question, "other" texts beside, contact and location questions left out; read back from CSV and SPSS."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyreadstat
import pytest

from participation.answers.dataset import Table
from participation.answers.files import answers_csv, answers_sav
from participation.answers.filters import AnswerFilter
from participation.models import Answer, ResponseChannel, Survey, SurveyResponse, SurveyVersion
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine
from tests.factories import BLOCK_SMALL, a_block_location

SLUG = "voorzieningen"
DEFINITION: dict[str, Any] = {
    "slug": SLUG,
    "title": {"nl": "Voorzieningen", "en": "Facilities"},
    "line": "explore",
    "default_language": "nl",
    "languages": ["nl", "en"],
    "pages": [
        {
            "id": "p1",
            "title": {"nl": "Vragen", "en": "Questions"},
            "questions": [
                {
                    "id": "uses",
                    "type": "multiple_choice",
                    "other_option": True,
                    "text": {"nl": "Wat gebruikt u?", "en": "What do you use?"},
                    "choices": [
                        {"value": "library", "label": {"nl": "Bibliotheek", "en": "Library"}},
                        {"value": "pool", "label": {"nl": "Zwembad", "en": "Swimming pool"}},
                    ],
                },
                {
                    "id": "travel",
                    "type": "single_choice",
                    "other_option": True,
                    "text": {"nl": "Hoe komt u er?", "en": "How do you get there?"},
                    "choices": [
                        {"value": "walk", "label": {"nl": "Lopend", "en": "On foot"}},
                        {"value": "bike", "label": {"nl": "Fiets", "en": "By bike"}},
                    ],
                },
                {"id": "visits", "type": "number", "text": {"nl": "Hoe vaak?", "en": "How often?"}},
                {"id": "where", "type": "location", "text": {"nl": "Waar?", "en": "Where?"}},
                {"id": "contact", "type": "contact_consent", "text": {"nl": "Contact?", "en": "Contact?"}},
            ],
        }
    ],
}
ROWS = [
    {"uses": ["library"], "travel": "walk", "visits": 3},
    {"uses": {"choices": ["pool"], "other": "=de markt"}, "travel": {"other": "bus"}, "visits": 2.5},
    {"travel": "bike", "contact": {"consent": True, "name": "Piet", "email": "piet@voorbeeld.nl"}},
]


@pytest.fixture
def table(session: DbSession) -> Table:
    survey = Survey(slug=SLUG, line=ParticipationLine.EXPLORE)
    version = SurveyVersion(survey=survey, number=1, definition=DEFINITION, fingerprint="2" * 64)
    session.add_all([survey, version])
    for number, answers in enumerate(ROWS):
        given = {**answers, "where": {"block": BLOCK_SMALL, "street": "Geheimstraat"}}
        response = SurveyResponse(
            survey_version=version,
            language="nl",
            channel=ResponseChannel.PAPER,
            submission_key=f"export-{number}",
            receipt_code_hash=f"export-{number}",
            location=a_block_location(BLOCK_SMALL),
            submitted_at=datetime(2025, 3, number + 1, 12, tzinfo=UTC),
        )
        response.answers = [
            Answer(question_id=key, position=n, value=value) for n, (key, value) in enumerate(given.items())
        ]
        session.add(response)
    session.flush()
    return Table(session, AnswerFilter(survey=SLUG), "en", "a secret key of the tests")


def test_one_variable_per_option_and_left_out_questions(table: Table) -> None:
    dataset = table.dataset()
    names = [variable.name for variable in dataset.variables]
    assert names[8:] == [
        "uses_library",
        "uses_pool",
        "uses_other",
        "uses_other_text",
        "travel",
        "travel_other_text",
        "visits",
    ]
    labels = {variable.name: variable.label for variable in dataset.variables}
    assert labels["uses_pool"] == "What do you use?: Swimming pool"
    assert {variable.name: dict(variable.value_labels) for variable in dataset.variables}["travel"] == {
        1: "On foot",
        2: "By bike",
        3: "Other, namely",
    }
    by_row = sorted((row[8:] for row in dataset.rows), key=str)
    assert [1, 0, 0, None, 1, None, 3] in [list(row) for row in by_row]
    assert [0, 1, 1, "=de markt", 3, "bus", 2.5] in [list(row) for row in by_row]
    assert [None, None, None, None, 2, None, None] in [list(row) for row in by_row]
    flat = str(dataset.rows)
    assert "Piet" not in flat and "piet@" not in flat and "Geheimstraat" not in flat


def test_the_csv_shows_labels_and_keeps_formulas_text(table: Table) -> None:
    rows = list(csv.DictReader(io.StringIO(answers_csv(table.dataset()).decode("utf-8-sig"))))
    assert {row["travel"] for row in rows} == {"On foot", "By bike", "Other, namely"}
    assert {row["uses_other_text"] for row in rows} == {"", "'=de markt"}
    assert {row["block"] for row in rows} == {BLOCK_SMALL} and {row["channel"] for row in rows} == {"paper"}


def test_the_sav_file_reads_back(table: Table, tmp_path: Path) -> None:
    path = tmp_path / "voorzieningen.sav"
    path.write_bytes(answers_sav(table.dataset()))
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.column_names_to_labels["uses_library"] == "What do you use?: Library"
    assert meta.column_names_to_labels["respondent"] == "Respondent (pseudonym)"
    assert meta.variable_value_labels["travel"] == {1.0: "On foot", 2.0: "By bike", 3.0: "Other, namely"}
    assert sorted(frame["travel"].tolist()) == [1.0, 2.0, 3.0]
    assert sorted(value for value in frame["visits"].tolist() if value == value) == [2.5, 3.0]
    assert sorted(frame["uses_other_text"].tolist()) == ["", "", "=de markt"]
    assert meta.original_variable_types["submitted"].startswith("DATE")
    assert sorted(frame["submitted"].tolist()) == [date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)]
