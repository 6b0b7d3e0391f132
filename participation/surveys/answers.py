"""Answer values: from form fields to the canonical JSON value per question type, and their validation.

Canonical values (what the API takes and what is stored):

- single choice: ``"value"``, or ``{"other": "text"}`` for "other, namely";
- multiple choice: ``["a", "b"]``, or ``{"choices": ["a"], "other": "text"}`` when "other" is ticked;
- rating, agreement: ``int``; number: ``int`` (``float`` only when the question allows decimals);
- yes/no: ``bool``; short and long text: ``str``, exactly as typed apart from surrounding white space;
- contact consent: ``{"consent": bool, "name": str, "email": str, "phone": str}`` (the last three optional);
- location: see ``participation.surveys.places``.

Texts are never escaped or sanitised here: an answer is stored as typed, and escaping is the renderer's job.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Protocol

from participation.domain.storable import is_storable
from participation.surveys.errors import AnswerError
from participation.surveys.model import OTHER, SHORT_TEXT_LIMIT, TEXT_TYPES, Page, Question, QuestionType
from participation.surveys.model import SurveyDefinition as Definition
from participation.surveys.places import parse_location, validate_location

__all__ = [
    "AnswerError",
    "chosen_values",
    "drop_hidden",
    "field_name",
    "is_unanswered",
    "other_text",
    "parse_form",
    "parse_form_value",
    "validate_answer",
    "validate_answers",
]

CONTACT_LIMITS = {"name": 200, "email": 254, "phone": 40}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ()./-]{6,}$")
YES = frozenset(("yes", "true", "1", "on", "ja", "y"))
NO = frozenset(("no", "false", "0", "off", "nee", "n"))


class FormData(Protocol):
    """What ``parse_form`` reads: werkzeug's ``MultiDict`` (``request.form``) fits."""

    def getlist(self, key: str) -> list[str]: ...


def field_name(question_id: str, part: str | None = None) -> str:
    """The form field of a question or of one part of it: ``q1``, ``q1__other``, ``q1__email``, ``q1__lat``."""
    return question_id if part is None else f"{question_id}__{part}"


def _clean(text: str) -> str:
    # Control characters never get this far: the web layer refuses them (participation.domain.storable).
    return text.strip()


def _parse_number(text: str) -> int | float | str:
    # Dutch residents write 2,5; a value that is no number is passed on as typed so that validation can say why.
    cleaned = text.strip().replace(",", ".")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        number = float(cleaned)
    except ValueError:
        return text.strip()
    if not math.isfinite(number):
        return text.strip()
    return int(number) if number.is_integer() else number


def parse_form_value(
    question: Question,
    raw: Sequence[str],
    other_text: str | None = None,
    parts: Mapping[str, str] | None = None,
) -> Any:
    """Turn the strings a form posted for one question into its canonical value (``None`` when unanswered).

    ``raw`` holds the values of the question's own field, ``other_text`` the ``<id>__other`` field, ``parts`` the
    sub-fields of a contact consent (name, email, phone) or location (lat, lon, source, postcode, number, ...).
    A value that cannot be converted is returned as typed; ``validate_answer`` then explains what is wrong.
    """
    values = [_clean(value) for value in raw if _clean(value)]
    first = values[0] if values else ""
    other = _clean(other_text or "")
    kind = question.type
    if kind is QuestionType.SINGLE_CHOICE:
        # A resident without JavaScript may type the "other" text and forget the radio button; the text says enough.
        if question.other_option and (first == OTHER or (other and not first)):
            return {"other": other}
        return first or None
    if kind is QuestionType.MULTIPLE_CHOICE:
        chosen = list(dict.fromkeys(value for value in values if value != OTHER))
        if question.other_option and (OTHER in values or other):
            return {"choices": chosen, "other": other}
        return chosen or None
    if kind in (QuestionType.RATING, QuestionType.AGREEMENT, QuestionType.NUMBER):
        return _parse_number(first) if first else None
    if kind is QuestionType.YES_NO:
        if not first:
            return None
        lowered = first.lower()
        return True if lowered in YES else False if lowered in NO else first
    if kind in TEXT_TYPES:
        joined = _clean("\n".join(raw))
        return joined or None
    fields = {key: _clean(value) for key, value in (parts or {}).items()}
    if kind is QuestionType.CONTACT_CONSENT:
        if not first:
            return None
        answer: dict[str, Any] = {"consent": first.lower() in YES}
        if answer["consent"]:
            answer.update({key: fields[key] for key in CONTACT_LIMITS if fields.get(key)})
        return answer
    return parse_location(first, fields)


# The sub-fields of a location question (see ``participation.surveys.places``).
LOCATION_PARTS = ("lat", "lon", "source", "exact_consent", "postcode", "number", "addition", "buurt", "street")


def parse_form(questions: Sequence[Question] | Page, form: FormData) -> dict[str, Any]:
    """Read the answers to some questions (usually one page) from a posted form; unanswered ones are left out."""
    if isinstance(questions, Page):
        questions = questions.questions
    answers: dict[str, Any] = {}
    for question in questions:
        other = form.getlist(field_name(question.id, "other"))
        parts = {}
        for part in (*CONTACT_LIMITS, *LOCATION_PARTS):
            given = form.getlist(field_name(question.id, part))
            if given:
                parts[part] = given[0]
        value = parse_form_value(question, form.getlist(question.id), other[0] if other else None, parts)
        if value is not None:
            answers[question.id] = value
    return answers


def is_unanswered(value: Any) -> bool:
    """Whether a value counts as no answer (for ``required``): nothing, empty, or a skipped location (one that
    names no place as well: that is a contradiction for validation to refuse)."""
    if value is None or value == "" or value == [] or value == {}:
        return True
    return isinstance(value, Mapping) and value.get("skipped") is True and len(value) == 1


def chosen_values(value: Any) -> tuple[str, ...]:
    """The choice values in a single- or multiple-choice answer, without the "other" text."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    if isinstance(value, Mapping) and isinstance(value.get("choices"), list):
        return tuple(item for item in value["choices"] if isinstance(item, str))
    return ()


def other_text(value: Any) -> str | None:
    """The "other, namely" text in a choice answer, if any."""
    if isinstance(value, Mapping) and isinstance(value.get("other"), str):
        return str(value["other"])
    return None


def _check_text(text: Any, limit: int) -> AnswerError | None:
    if not isinstance(text, str):
        return AnswerError("not_text")
    if not is_storable(text):
        return AnswerError("invalid_characters")
    if len(text) > limit:
        return AnswerError("too_long", {"maximum": limit})
    return None


def _check_choice(question: Question, value: Any) -> AnswerError | None:
    multiple = question.type is QuestionType.MULTIPLE_CHOICE
    if isinstance(value, Mapping):
        allowed_keys = {"choices", "other"} if multiple else {"other"}
        if not question.other_option or not set(value) <= allowed_keys or "other" not in value:
            return AnswerError("not_a_choice")
        other = value["other"]
        if isinstance(other, str) and not other.strip():
            return AnswerError("other_missing")
        problem = _check_text(other, question.max_length or SHORT_TEXT_LIMIT)
        if problem is not None or not multiple:
            return problem
        value = value.get("choices", [])
    if multiple:
        if not isinstance(value, list) or len(set(map(repr, value))) != len(value):
            return AnswerError("not_a_choice")
        items = value
    else:
        items = [value] if isinstance(value, str) or not isinstance(value, list) else [None]
    for item in items:
        if not isinstance(item, str) or question.choice(item) is None:
            return AnswerError("not_a_choice")
    return None


def _check_number(question: Question, value: Any) -> AnswerError | None:
    whole = question.type is not QuestionType.NUMBER or not question.decimals
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return AnswerError("not_a_number")
    if whole and isinstance(value, float):
        return AnswerError("not_whole_number")
    low, high = question.minimum, question.maximum
    if low is not None and high is not None and not low <= value <= high:
        return AnswerError("out_of_range", {"minimum": low, "maximum": high})
    if low is not None and value < low:
        return AnswerError("too_small", {"minimum": low})
    if high is not None and value > high:
        return AnswerError("too_large", {"maximum": high})
    return None


def _check_contact(value: Any) -> AnswerError | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("consent"), bool):
        return AnswerError("invalid")
    if not set(value) <= {"consent", *CONTACT_LIMITS}:
        return AnswerError("invalid")
    for key, limit in CONTACT_LIMITS.items():
        if key in value:
            problem = _check_text(value[key], limit)
            if problem is not None:
                return problem
    if not value["consent"]:
        # Without consent no contact details may be kept, so an API client must not send them.
        return AnswerError("invalid") if any(value.get(key) for key in CONTACT_LIMITS) else None
    email, phone = str(value.get("email") or "").strip(), str(value.get("phone") or "").strip()
    if not email and not phone:
        return AnswerError("contact_missing")
    if email and not EMAIL.match(email):
        return AnswerError("invalid_email")
    if phone and not PHONE.match(phone):
        return AnswerError("invalid_phone")
    return None


def validate_answer(question: Question, value: Any) -> AnswerError | None:
    """Why this value is not an acceptable answer to the question, or ``None`` when it is."""
    if is_unanswered(value):
        return AnswerError("required") if question.required else None
    kind = question.type
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        return _check_choice(question, value)
    if kind in (QuestionType.RATING, QuestionType.AGREEMENT, QuestionType.NUMBER):
        return _check_number(question, value)
    if kind is QuestionType.YES_NO:
        return None if isinstance(value, bool) else AnswerError("not_yes_no")
    if kind in TEXT_TYPES:
        return _check_text(value, question.max_length or SHORT_TEXT_LIMIT)
    if kind is QuestionType.CONTACT_CONSENT:
        return _check_contact(value)
    return validate_location(value)


def drop_hidden(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the answers to questions the resident could see with these answers; unknown ids are dropped too."""
    return definition.walk(answers).answers


def validate_answers(
    definition: Definition, answers: Mapping[str, Any], *, only: Collection[str] | None = None
) -> dict[str, AnswerError]:
    """An error per question id: unknown ids, and every visible question whose answer is refused.

    Hidden questions are not checked (``drop_hidden`` removes their answers). ``only`` limits the check to some
    question ids, such as those on the page the resident just sent.
    """
    errors = {key: AnswerError("unknown_question") for key in answers if not definition.has_question(key)}
    visible = definition.walk(answers).questions
    for question in definition.questions():
        if question.id not in visible or (only is not None and question.id not in only):
            continue
        problem = validate_answer(question, answers.get(question.id))
        if problem is not None:
            errors[question.id] = problem
    return errors
