"""What the browser's filter form offers: surveys, questions, values, areas by name, channels, languages."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from participation.answers.dataset import Table
from participation.answers.filters import AnswerFilter, response_languages
from participation.models.base import DbSession
from participation.models.surveys import ResponseChannel
from participation.responses.publishing import current_version, definition_of
from participation.surveys.model import QuestionType

CHANNEL_LABELS = {ResponseChannel.WEB: _l("Web"), ResponseChannel.PAPER: _l("Paper"), ResponseChannel.API: _l("API")}


@dataclass(frozen=True)
class FilterChoices:
    surveys: list[tuple[str, str]]  # (slug, title)
    questions: list[tuple[str, str]]  # (id, text)
    values: list[tuple[str, str]]  # (stored value, label) of the chosen question
    wijken: list[tuple[str, str]]  # (code, name), by name
    buurten: list[tuple[str, str]]
    channels: list[tuple[str, str]]
    languages: list[str]


def _values(table: Table, question_id: str | None) -> list[tuple[str, str]]:
    column = next((column for column in table.columns if column.question.id == question_id), None)
    if column is None:
        return []
    question = column.question
    variable = column.variables[0]
    if question.type is QuestionType.SINGLE_CHOICE or question.type is QuestionType.MULTIPLE_CHOICE:
        language, default = table.language, table.default
        return [(choice.value, choice.label.get(language, default)) for choice in question.choices]
    if question.type is QuestionType.YES_NO:
        return [("true", variable.value_labels[1]), ("false", variable.value_labels[0])]
    if question.type is QuestionType.AGREEMENT:
        return [(str(code), f"{code}: {label}") for code, label in variable.value_labels.items()]
    if question.type is QuestionType.RATING:
        return [(str(mark), str(mark)) for mark in range(1, 11)]
    return []


def _title(session: DbSession, slug: str, language: str) -> str:
    version = current_version(session, slug)
    if version is None:
        return slug
    definition = definition_of(version)
    return definition.title.get(language, definition.default_language)


def filter_choices(session: DbSession, table: Table, surveys: list[str], filters: AnswerFilter) -> FilterChoices:
    language, default = table.language, table.default
    return FilterChoices(
        surveys=[(slug, _title(session, slug, language)) for slug in surveys],
        questions=[(column.question.id, column.question.text.get(language, default)) for column in table.columns],
        values=_values(table, filters.question),
        wijken=sorted(table.wijken.items(), key=lambda item: item[1].casefold()),
        buurten=sorted(table.buurten.items(), key=lambda item: item[1].casefold()),
        channels=[(channel.value, str(label)) for channel, label in CHANNEL_LABELS.items()],
        languages=response_languages(session),
    )
