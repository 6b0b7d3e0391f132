"""Survey definitions as typed, frozen values: the survey, its pages, questions, choices and texts.

Nothing here knows about Flask requests or the database. ``SurveyDefinition.to_dict`` is the JSON-safe snapshot
a published version stores; ``from_dict`` reads it back, and ``fingerprint`` tells whether an edit changed it.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from participation.models.lines import ParticipationLine
from participation.surveys.conditions import OTHER, Condition, Operator

__all__ = [
    "OTHER",
    "Choice",
    "Condition",
    "LocalizedText",
    "Operator",
    "Page",
    "Question",
    "QuestionType",
    "SurveyDefinition",
    "Texts",
    "Tone",
]

FORMAT_VERSION = 1
SHORT_TEXT_LIMIT = 500
LONG_TEXT_LIMIT = 4000
RATING_RANGE = (1, 10)
AGREEMENT_RANGE = (1, 5)

LocalizedText = Mapping[str, str]


class QuestionType(enum.StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    RATING = "rating"  # 1-10
    AGREEMENT = "agreement"  # five-point scale, 1 (strongly disagree) .. 5 (strongly agree), labels fixed
    YES_NO = "yes_no"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    LOCATION = "location"
    CONTACT_CONSENT = "contact_consent"


class Tone(enum.StrEnum):
    """What an open question asks for, so that what residents praise and what they want improved are counted apart:
    "What is good here?" asks for praise, "What should improve first?" for a complaint or an improvement."""

    PRAISE = "praise"
    COMPLAINT = "complaint"
    NEUTRAL = "neutral"


CHOICE_TYPES = frozenset((QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE))
TEXT_TYPES = frozenset((QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT))


@dataclass(frozen=True)
class Texts:
    """One text in several languages. Stored as sorted pairs so that it is hashable and compares by content."""

    items: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, texts: LocalizedText | str, language: str = "nl") -> Texts:
        """Texts from a ``{language: text}`` mapping, or from a single string in ``language``."""
        if isinstance(texts, str):
            return cls(((language, texts),))
        return cls(tuple(sorted(texts.items())))

    def get(self, language: str, fallback: str | None = None) -> str:
        """The text in ``language``, else in the ``fallback`` language (the survey's default), else any text."""
        mapping = dict(self.items)
        if language in mapping:
            return mapping[language]
        if fallback is not None and fallback in mapping:
            return mapping[fallback]
        return self.items[0][1] if self.items else ""

    def __getitem__(self, language: str) -> str:
        return dict(self.items)[language]

    def __contains__(self, language: object) -> bool:
        return any(language == code for code, _ in self.items)

    def __iter__(self) -> Iterator[str]:
        return (code for code, _ in self.items)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.items)

    def to_dict(self) -> dict[str, str]:
        return dict(self.items)


@dataclass(frozen=True)
class Choice:
    value: str
    label: Texts


@dataclass(frozen=True)
class Question:
    """One question. ``minimum``/``maximum`` are fixed for rating (1-10) and agreement (1-5); ``max_length``
    defaults to 500 characters for short texts and 4000 for long ones."""

    id: str
    type: QuestionType
    text: Texts
    help: Texts | None = None
    required: bool = False
    choices: tuple[Choice, ...] = ()
    other_option: bool = False
    minimum: int | float | None = None
    maximum: int | float | None = None
    decimals: bool = False  # number only: accept 2.5 as well as 2
    max_length: int | None = None
    show_if: Condition | None = None
    indicator: str | None = None
    tone: Tone = Tone.NEUTRAL  # short and long text only

    def __post_init__(self) -> None:
        # Fixed scales and default limits are set here so that every way of building a question agrees.
        fixed = {QuestionType.RATING: RATING_RANGE, QuestionType.AGREEMENT: AGREEMENT_RANGE}.get(self.type)
        if fixed is not None:
            object.__setattr__(self, "minimum", fixed[0])
            object.__setattr__(self, "maximum", fixed[1])
        if self.max_length is None and self.type in TEXT_TYPES:
            limit = SHORT_TEXT_LIMIT if self.type is QuestionType.SHORT_TEXT else LONG_TEXT_LIMIT
            object.__setattr__(self, "max_length", limit)
        if self.other_option and self.type not in CHOICE_TYPES:
            raise ValueError(f"question {self.id}: other_option only applies to choice questions")

    @cached_property
    def _choice_by_value(self) -> dict[str, Choice]:
        return {choice.value: choice for choice in self.choices}

    def choice(self, value: str) -> Choice | None:
        return self._choice_by_value.get(value)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type.value, "text": self.text.to_dict()}
        if self.help is not None:
            data["help"] = self.help.to_dict()
        if self.required:
            data["required"] = True
        if self.choices:
            data["choices"] = [{"value": c.value, "label": c.label.to_dict()} for c in self.choices]
        if self.other_option:
            data["other_option"] = True
        if self.type is QuestionType.NUMBER:
            for key in ("minimum", "maximum"):
                if getattr(self, key) is not None:
                    data[key] = getattr(self, key)
            if self.decimals:
                data["decimals"] = True
        if self.type in TEXT_TYPES:
            data["max_length"] = self.max_length
        if self.show_if is not None:
            data["show_if"] = self.show_if.to_dict()
        if self.indicator is not None:
            data["indicator"] = self.indicator
        # Only when set, so that the fingerprints of definitions without a tone stay as they were.
        if self.tone is not Tone.NEUTRAL:
            data["tone"] = self.tone.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Question:
        """Read a question back from ``to_dict`` (or the YAML format, which has the same shape)."""
        return cls(
            id=data["id"],
            type=QuestionType(data["type"]),
            text=Texts.of(data["text"]),
            help=Texts.of(data["help"]) if data.get("help") is not None else None,
            required=bool(data.get("required", False)),
            choices=tuple(Choice(str(c["value"]), Texts.of(c["label"])) for c in data.get("choices", ())),
            other_option=bool(data.get("other_option", False)),
            minimum=data.get("minimum"),
            maximum=data.get("maximum"),
            decimals=bool(data.get("decimals", False)),
            max_length=data.get("max_length"),
            show_if=Condition.from_dict(data["show_if"]) if data.get("show_if") is not None else None,
            indicator=data.get("indicator"),
            tone=Tone(data.get("tone") or Tone.NEUTRAL),
        )


@dataclass(frozen=True)
class Page:
    id: str
    title: Texts
    questions: tuple[Question, ...]
    show_if: Condition | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title.to_dict()}
        if self.show_if is not None:
            data["show_if"] = self.show_if.to_dict()
        data["questions"] = [question.to_dict() for question in self.questions]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Page:
        return cls(
            id=data["id"],
            title=Texts.of(data["title"]),
            questions=tuple(Question.from_dict(question) for question in data["questions"]),
            show_if=Condition.from_dict(data["show_if"]) if data.get("show_if") is not None else None,
        )


@dataclass(frozen=True)
class Visibility:
    """What a walk through the survey with some answers shows: pages, questions, and the answers that count."""

    pages: tuple[Page, ...]
    questions: frozenset[str]
    answers: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class SurveyDefinition:
    slug: str
    title: Texts
    introduction: Texts | None
    line: ParticipationLine
    default_language: str
    languages: tuple[str, ...]
    pages: tuple[Page, ...]
    # What the home page and the introduction tell a resident before they start; each is optional.
    minutes: int | None = None
    audience: Texts | None = None
    # The last day new residents may start; after it the survey leaves the home page.
    closes: date | None = None

    def duration_minutes(self) -> int:
        """About how long the survey takes: as its author says, else two minutes a page."""
        return self.minutes if self.minutes is not None else 2 * len(self.pages)

    def is_open_on(self, day: date) -> bool:
        """Whether a resident may start on ``day``: a survey closes at the end of its closing day."""
        return self.closes is None or day <= self.closes

    # A definition never changes once built, and a published one is kept for the life of the process
    # (``responses.publishing``): its lookups are worked out once, not on every request that validates against it.
    @cached_property
    def _questions(self) -> tuple[Question, ...]:
        return tuple(question for page in self.pages for question in page.questions)

    @cached_property
    def _question_by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self._questions}

    def questions(self) -> tuple[Question, ...]:
        """Every question in the order a resident meets them."""
        return self._questions

    def question(self, question_id: str) -> Question:
        """The question with this id; ``KeyError`` when there is none."""
        return self._question_by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._question_by_id

    def page_of(self, question_id: str) -> Page:
        """The page that holds a question; ``KeyError`` when there is none."""
        for page in self.pages:
            if any(question.id == question_id for question in page.questions):
                return page
        raise KeyError(question_id)

    def walk(self, answers: Mapping[str, Any]) -> Visibility:
        """Go through the survey in order, as a resident would.

        Each condition is evaluated against the answers to questions that were themselves visible, so an old
        answer to a question that became hidden cannot keep a later question visible.
        """
        kept: dict[str, Any] = {}
        pages: list[Page] = []
        shown: set[str] = set()
        for page in self.pages:
            if page.show_if is not None and not page.show_if.matches(kept):
                continue
            visible_here = False
            for question in page.questions:
                if question.show_if is not None and not question.show_if.matches(kept):
                    continue
                visible_here = True
                shown.add(question.id)
                if question.id in answers:
                    kept[question.id] = answers[question.id]
            if visible_here:
                pages.append(page)
        return Visibility(pages=tuple(pages), questions=frozenset(shown), answers=kept)

    def visible_pages(self, answers: Mapping[str, Any]) -> tuple[Page, ...]:
        """The pages shown for these answers (a page whose questions are all hidden is left out)."""
        return self.walk(answers).pages

    def first_page_without_answer(self, answers: Mapping[str, Any]) -> int | None:
        """The number (from 1, among the pages shown) of the first page none of whose shown questions has an
        answer: where a resident who stopped goes on. None when every page has one."""
        walk = self.walk(answers)
        for number, page in enumerate(walk.pages, start=1):
            shown = [question.id for question in page.questions if question.id in walk.questions]
            if not any(question_id in walk.answers for question_id in shown):
                return number
        return None

    def is_visible(self, question: Question | str, answers: Mapping[str, Any]) -> bool:
        question_id = question if isinstance(question, str) else question.id
        return question_id in self.walk(answers).questions

    def indicator_questions(self) -> tuple[Question, ...]:
        """The questions that feed a neighbourhood indicator."""
        return tuple(question for question in self._questions if question.indicator)

    @cached_property
    def indicator_question_ids(self) -> frozenset[str]:
        """The ids of ``indicator_questions``: what the dashboard's tallies count."""
        return frozenset(question.id for question in self._questions if question.indicator)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-safe snapshot of this definition."""
        data: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "slug": self.slug,
            "title": self.title.to_dict(),
            "line": self.line.value,
            "default_language": self.default_language,
            "languages": list(self.languages),
        }
        if self.introduction is not None:
            data["introduction"] = self.introduction.to_dict()
        # Only when set, so that the fingerprints of definitions without them stay as they were.
        if self.minutes is not None:
            data["minutes"] = self.minutes
        if self.audience is not None:
            data["audience"] = self.audience.to_dict()
        if self.closes is not None:
            data["closes"] = self.closes.isoformat()
        data["pages"] = [page.to_dict() for page in self.pages]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SurveyDefinition:
        """Read a definition back from ``to_dict``; trusts the shape (the loader validates authored files)."""
        return cls(
            slug=data["slug"],
            title=Texts.of(data["title"]),
            introduction=Texts.of(data["introduction"]) if data.get("introduction") is not None else None,
            line=ParticipationLine(data["line"]),
            default_language=data["default_language"],
            languages=tuple(data["languages"]),
            pages=tuple(Page.from_dict(page) for page in data["pages"]),
            minutes=data.get("minutes"),
            audience=Texts.of(data["audience"]) if data.get("audience") is not None else None,
            closes=_date(data.get("closes")),
        )

    def fingerprint(self) -> str:
        """A sha256 of the canonical JSON snapshot: equal for equal content, whatever the key order of the source."""
        canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _date(value: Any) -> date | None:
    """A closing day as written: an ISO date string (JSON), or the date YAML makes of an unquoted one."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
