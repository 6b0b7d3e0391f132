"""The filtered responses as a table: one row per response, one variable per question (a multiple-choice question
one 0/1 variable per option), with the labels SPSS keeps beside the values.

Each variable has a name (the question id, or ``<question>_<option>``), a label (the question's text in the
analyst's language) and, where the values are codes, value labels (choices numbered in their order, the agreement
scale, yes 1 and no 0). CSV and XLSX show the label of a coded value; the ``.sav`` file keeps the code and the
labels. Contact and location questions are left out (see the package's docstring).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from participation.answers.filters import AnswerFilter, area_names, responses
from participation.answers.pseudonyms import pseudonym
from participation.models import Answer, StoredLocation, Survey, SurveyResponse, SurveyVersion
from participation.models.base import DbSession
from participation.responses.publishing import definition_of
from participation.surveys.labels import AGREEMENT_LABELS, OTHER_LABEL, YES_NO_LABELS
from participation.surveys.model import OTHER, TEXT_TYPES, Question, QuestionType

# What may say who a resident is or where exactly they are: never shown, never exported.
LEFT_OUT = frozenset((QuestionType.CONTACT_CONSENT, QuestionType.LOCATION))
NAME_LIMIT = 64  # SPSS variable names: at most 64 bytes, a letter first, letters, digits and _


class Kind(enum.StrEnum):
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"


@dataclass(frozen=True)
class Variable:
    name: str
    label: str
    kind: Kind
    value_labels: Mapping[int, str] = field(default_factory=dict)

    def shown(self, value: Any) -> Any:
        """The value as CSV and XLSX show it: a code's label, else the value itself."""
        if value is None:
            return None
        return self.value_labels.get(value, value) if self.value_labels and isinstance(value, int) else value


@dataclass(frozen=True)
class Dataset:
    variables: tuple[Variable, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class QuestionColumns:
    """One question and how its answer becomes values: the variables it fills and the function that fills them."""

    question: Question
    variables: tuple[Variable, ...]


def _safe_name(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    return name if name[:1].isalpha() else f"v_{name}"


class _Names:
    """Hands out unique variable names of at most ``NAME_LIMIT`` characters."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, wanted: str) -> str:
        base = _safe_name(wanted)[:NAME_LIMIT]
        name, number = base, 1
        while name.lower() in self.taken:
            number += 1
            suffix = f"_{number}"
            name = base[: NAME_LIMIT - len(suffix)] + suffix
        self.taken.add(name.lower())
        return name


def _text(texts: Any, language: str, default: str) -> str:
    return str(texts.get(language, default))


def questions_of(session: DbSession, survey_slug: str | None) -> tuple[list[Question], str]:
    """The questions of every version of a survey, newest version's order and texts first, without the left-out
    ones; and the survey's default language."""
    if not survey_slug:
        return [], "nl"
    versions = session.scalars(
        select(SurveyVersion).join(Survey).where(Survey.slug == survey_slug).order_by(SurveyVersion.number.desc())
    ).all()
    found: dict[str, Question] = {}
    default = "nl"
    for number, version in enumerate(versions):
        definition = definition_of(version)
        if number == 0:
            default = definition.default_language
        for question in definition.questions():
            if question.type not in LEFT_OUT and question.id not in found:
                found[question.id] = question
    return list(found.values()), default


# The variables every row starts with: who (a pseudonym), which survey, when (the day), how, and where (areas).
FIXED = (
    ("respondent", _l("Respondent (pseudonym)"), Kind.TEXT),
    ("survey", _l("Survey"), Kind.TEXT),
    ("submitted", _l("Day submitted"), Kind.DATE),
    ("channel", _l("Channel"), Kind.TEXT),
    ("language", _l("Language"), Kind.TEXT),
    ("wijk", _l("District"), Kind.TEXT),
    ("buurt", _l("Neighbourhood"), Kind.TEXT),
    ("block", _l("Block of 100 m"), Kind.TEXT),
)


def variables(questions: Sequence[Question], language: str, default: str) -> list[QuestionColumns]:
    names = _Names()
    for name, _label, _kind in FIXED:
        names(name)
    columns = []
    for question in questions:
        label = _text(question.text, language, default)
        found: list[Variable] = []
        if question.type is QuestionType.SINGLE_CHOICE:
            codes = {n: _text(choice.label, language, default) for n, choice in enumerate(question.choices, 1)}
            if question.other_option:
                codes[len(question.choices) + 1] = str(OTHER_LABEL)
            found.append(Variable(names(question.id), label, Kind.NUMBER, codes))
        elif question.type is QuestionType.MULTIPLE_CHOICE:
            options = [(choice.value, _text(choice.label, language, default)) for choice in question.choices]
            if question.other_option:
                options.append((OTHER, str(OTHER_LABEL)))
            for value, option in options:
                found.append(Variable(names(f"{question.id}_{value}"), f"{label}: {option}", Kind.NUMBER))
        elif question.type is QuestionType.AGREEMENT:
            found.append(
                Variable(names(question.id), label, Kind.NUMBER, {k: str(v) for k, v in AGREEMENT_LABELS.items()})
            )
        elif question.type is QuestionType.YES_NO:
            found.append(
                Variable(
                    names(question.id), label, Kind.NUMBER, {1: str(YES_NO_LABELS[True]), 0: str(YES_NO_LABELS[False])}
                )
            )
        elif question.type in TEXT_TYPES:
            found.append(Variable(names(question.id), label, Kind.TEXT))
        else:  # rating, number
            found.append(Variable(names(question.id), label, Kind.NUMBER))
        if question.other_option:
            found.append(Variable(names(f"{question.id}_other_text"), f"{label}: {OTHER_LABEL}", Kind.TEXT))
        columns.append(QuestionColumns(question, tuple(found)))
    return columns


def _values(question: Question, value: Any) -> list[Any]:
    """The values of one answer for the question's variables, in their order (None where nothing was given)."""
    kind = question.type
    other_text = None
    if isinstance(value, Mapping):
        other_text = value.get("other")
    if kind is QuestionType.SINGLE_CHOICE:
        values = [choice.value for choice in question.choices]
        code: Any = None
        if isinstance(value, str) and value in values:
            code = values.index(value) + 1
        elif isinstance(value, Mapping) and question.other_option:
            code = len(values) + 1
        return [code, other_text] if question.other_option else [code]
    if kind is QuestionType.MULTIPLE_CHOICE:
        if value is None:
            chosen: list[Any] | None = None
        elif isinstance(value, Mapping):
            chosen = [*value.get("choices", []), OTHER]
        else:
            chosen = list(value)
        options = [choice.value for choice in question.choices] + ([OTHER] if question.other_option else [])
        flags = [None if chosen is None else int(option in chosen) for option in options]
        return [*flags, other_text] if question.other_option else flags
    if kind is QuestionType.YES_NO:
        return [None if not isinstance(value, bool) else int(value)]
    if kind in TEXT_TYPES:
        return [value if isinstance(value, str) else None]
    return [value if isinstance(value, int | float) and not isinstance(value, bool) else None]


@dataclass(frozen=True)
class ResponseRecord:
    """One response as the browser lists it: what the row holds, and the answers to show by question."""

    values: tuple[Any, ...]
    answers: tuple[tuple[str, str], ...]  # (question text, answer as shown)


def _display(columns: QuestionColumns, values: Sequence[Any]) -> str:
    parts = []
    for variable, value in zip(columns.variables, values, strict=True):
        if value is None:
            continue
        if columns.question.type is QuestionType.MULTIPLE_CHOICE and variable.kind is Kind.NUMBER:
            if value == 1:
                parts.append(variable.label.split(": ", 1)[-1])
            continue
        parts.append(str(variable.shown(value)))
    return "; ".join(parts)


class Table:
    """The variables of one survey in one language, and the rows of responses under them."""

    def __init__(self, session: DbSession, filters: AnswerFilter, language: str, secret_key: str) -> None:
        self.session = session
        self.filters = filters
        self.language = language
        self.secret_key = secret_key
        questions, default = questions_of(session, filters.survey)
        self.default = default
        # The fixed labels (yes, no, the agreement scale, ...) in the language asked for, whatever the request's.
        with force_locale(language):
            self.columns = variables(questions, language, default)
            self.fixed = tuple(Variable(name, str(label), kind) for name, label, kind in FIXED)
        self.wijken, self.buurten = area_names(session)

    @property
    def variables(self) -> tuple[Variable, ...]:
        return self.fixed + tuple(variable for column in self.columns for variable in column.variables)

    def records(self, *, offset: int = 0, limit: int | None = None) -> Iterator[ResponseRecord]:
        """The responses the filter matches, newest first: one query for the responses and their places, one for
        their answers."""
        query = (
            responses(self.filters, SurveyResponse, Survey.slug, StoredLocation)
            .order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc())
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        found = self.session.execute(query).all()
        answers: dict[int, dict[str, Any]] = {}
        if found:
            rows = self.session.execute(
                select(Answer.response_id, Answer.question_id, Answer.value).where(
                    Answer.response_id.in_([response.id for response, _slug, _place in found])
                )
            )
            for response_id, question_id, value in rows:
                answers.setdefault(response_id, {})[question_id] = value
        for response, slug, place in found:
            yield self._record(response, slug, place, answers.get(response.id, {}))

    def _record(
        self, response: SurveyResponse, slug: str, place: StoredLocation | None, given: Mapping[str, Any]
    ) -> ResponseRecord:
        submitted: date = response.submitted_at.date()
        fixed = [
            pseudonym(self.secret_key, response.id),
            slug,
            submitted,
            response.channel.value,
            response.language,
            self.wijken.get(place.wijk_code, place.wijk_code) if place is not None and place.wijk_code else None,
            self.buurten.get(place.buurt_code, place.buurt_code) if place is not None and place.buurt_code else None,
            place.block_id if place is not None else None,
        ]
        values: list[Any] = []
        shown: list[tuple[str, str]] = []
        for column in self.columns:
            answer_values = _values(column.question, given.get(column.question.id))
            values.extend(answer_values)
            text = _display(column, answer_values)
            if text:
                shown.append((_text(column.question.text, self.language, self.default), text))
        return ResponseRecord(tuple(fixed + values), tuple(shown))

    def dataset(self) -> Dataset:
        return Dataset(self.variables, tuple(record.values for record in self.records()))
