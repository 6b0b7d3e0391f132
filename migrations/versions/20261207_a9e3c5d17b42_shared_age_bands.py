"""One list of age bands for surveys and conversations: under 12, 12-17, 18-24, 25-44, 45-64, 65 or older.

Revision ID: a9e3c5d17b42
Revises: fa17ff95e9dd
Create Date: 2026-12-07

Reviewed by hand. Data only, no schema change. Old values are mapped to the new band they overlap most:
- conversation logs (`conversation.groups["age_bands"]`): "0_17" -> "12_17" (street conversations are held with
  young people rather than young children), "18_29" -> "18_24", "30_44" -> "25_44"; "45_64" and "65_plus" stay.
- survey answers to `age_group` (`answer.value`, and the answers of unsubmitted drafts): "age_15_24" ->
  "age_18_24". Respondents of 15 to 17 who chose "15 - 24" before are counted as 18 - 24; the weighting is the
  same, since both are weighted with the CBS band 15 - 24, so no tally changes.
- the stored definitions of published survey versions get the new choices for `age_group`, so that every answer
  is one of its version's choices.
The downgrade maps back ("12_17" and "under_12" -> "0_17", "18_24" -> "18_29", "25_44" -> "30_44";
"age_12_17" and "age_18_24" -> "age_15_24", "age_under_12" -> "no_answer", which the old survey offered), so an
upgrade followed by a downgrade gives back every old value.
"""

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "a9e3c5d17b42"
down_revision = "fa17ff95e9dd"
branch_labels = None
depends_on = None

AGE_QUESTION = "age_group"
CONVERSATION_UP = {"0_17": "12_17", "18_29": "18_24", "30_44": "25_44"}
CONVERSATION_DOWN = {"under_12": "0_17", "12_17": "0_17", "18_24": "18_29", "25_44": "30_44"}
ANSWER_UP = {"age_15_24": "age_18_24"}
ANSWER_DOWN = {"age_under_12": "no_answer", "age_12_17": "age_15_24", "age_18_24": "age_15_24"}

# The choice labels as the default survey had them before and has them now (frozen here, as a migration must be).
_LABELS_15_24 = {"nl": "15 - 24 jaar", "en": "15 - 24", "tr": "15 - 24 yaş", "ar": "15 - 24 سنة", "pl": "15 - 24 lata",
                 "bg": "15 - 24 години"}  # fmt: skip
_NEW_CHOICES = [
    ("age_under_12", {"nl": "Jonger dan 12 jaar", "en": "Under 12", "tr": "12 yaşından küçük", "ar": "أقل من 12 سنة",
                      "pl": "Poniżej 12 lat", "bg": "Под 12 години"}),
    ("age_12_17", {"nl": "12 - 17 jaar", "en": "12 - 17", "tr": "12 - 17 yaş", "ar": "12 - 17 سنة", "pl": "12 - 17 lat",
                   "bg": "12 - 17 години"}),
    ("age_18_24", {"nl": "18 - 24 jaar", "en": "18 - 24", "tr": "18 - 24 yaş", "ar": "18 - 24 سنة",
                   "pl": "18 - 24 lata", "bg": "18 - 24 години"}),
]  # fmt: skip

conversation = sa.table("conversation", sa.column("id", sa.Integer), sa.column("groups", sa.JSON))
answer = sa.table(
    "answer", sa.column("id", sa.Integer), sa.column("question_id", sa.String), sa.column("value", sa.JSON)
)
draft = sa.table("response_draft", sa.column("id", sa.Integer), sa.column("answers", sa.JSON))
version = sa.table("survey_version", sa.column("id", sa.Integer), sa.column("definition", sa.JSON))


def _labels(label: dict[str, str], languages: Any) -> dict[str, str]:
    """A label in the languages of the definition it goes into (English where the frozen label has none)."""
    return {code: label.get(code, label["en"]) for code in languages or label}


def _age_choices_up(choices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    languages = list(choices[0]["label"]) if choices else None
    new = [{"value": value, "label": _labels(label, languages)} for value, label in _NEW_CHOICES]
    return new + [choice for choice in choices if choice.get("value") != "age_15_24"]


def _age_choices_down(choices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    languages = list(choices[0]["label"]) if choices else None
    old = {"value": "age_15_24", "label": _labels(_LABELS_15_24, languages)}
    gone = {value for value, _label in _NEW_CHOICES}
    return [old] + [choice for choice in choices if choice.get("value") not in gone]


def _rewrite(
    table: sa.TableClause, column: str, change: Callable[[Any], Any], where: sa.ColumnElement[bool] | None = None
) -> None:
    """Apply ``change`` to ``column`` of every row (``where`` narrows), writing back only the rows it changed."""
    connection = op.get_bind()
    query = sa.select(table.c.id, table.c[column])
    if where is not None:
        query = query.where(where)
    for row_id, value in connection.execute(query).all():
        changed = change(value)
        if changed != value:
            connection.execute(sa.update(table).where(table.c.id == row_id).values({column: changed}))


def _groups(mapping: dict[str, str]) -> Callable[[Any], Any]:
    def change(groups: Any) -> Any:
        if not isinstance(groups, dict) or not isinstance(groups.get("age_bands"), list):
            return groups
        bands = sorted({mapping.get(band, band) for band in groups["age_bands"]})
        return {**groups, "age_bands": bands}

    return change


def _answer(mapping: dict[str, str]) -> Callable[[Any], Any]:
    return lambda value: mapping.get(value, value) if isinstance(value, str) else value


def _draft(mapping: dict[str, str]) -> Callable[[Any], Any]:
    def change(answers: Any) -> Any:
        if not isinstance(answers, dict) or not isinstance(answers.get(AGE_QUESTION), str):
            return answers
        return {**answers, AGE_QUESTION: mapping.get(answers[AGE_QUESTION], answers[AGE_QUESTION])}

    return change


def _definition(
    old_value: str, rewrite: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
) -> Callable[[Any], Any]:
    """Rewrite the choices of the age question of a definition that still offers ``old_value``."""

    def change(definition: Any) -> Any:
        if not isinstance(definition, dict):
            return definition
        pages = []
        for page in definition.get("pages") or []:
            questions = []
            for question in page.get("questions") or []:
                choices = question.get("choices") or []
                if question.get("id") == AGE_QUESTION and any(c.get("value") == old_value for c in choices):
                    question = {**question, "choices": rewrite(choices)}
                questions.append(question)
            pages.append({**page, "questions": questions})
        return {**definition, "pages": pages}

    return change


def upgrade() -> None:
    _rewrite(conversation, "groups", _groups(CONVERSATION_UP))
    _rewrite(answer, "value", _answer(ANSWER_UP), answer.c.question_id == AGE_QUESTION)
    _rewrite(draft, "answers", _draft(ANSWER_UP))
    _rewrite(version, "definition", _definition("age_15_24", _age_choices_up))


def downgrade() -> None:
    _rewrite(conversation, "groups", _groups(CONVERSATION_DOWN))
    _rewrite(answer, "value", _answer(ANSWER_DOWN), answer.c.question_id == AGE_QUESTION)
    _rewrite(draft, "answers", _draft(ANSWER_DOWN))
    _rewrite(version, "definition", _definition("age_18_24", _age_choices_down))
