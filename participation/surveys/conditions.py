"""Skip logic: a question or page is shown only when earlier answers match a condition.

A condition is a small tree. A leaf compares the answer to one question (``equals``, ``not_equals``, ``any_of``,
``answered``, ``not_answered``, ``greater_than``, ``less_than``); a group combines conditions with ``all`` or ``any``.
The dictionary form (``to_dict`` / ``from_dict``) is the same as the YAML syntax survey authors write.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Scalar = str | int | float | bool
ConditionValue = Scalar | tuple[Scalar, ...] | None

# The pseudo choice value a condition uses for the "other, namely" option (XLSForm's or_other uses the same name).
OTHER = "other"


class Operator(enum.StrEnum):
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    ANY_OF = "any_of"
    ANSWERED = "answered"
    NOT_ANSWERED = "not_answered"
    GREATER_THAN = "greater_than"
    LESS_THAN = "less_than"
    ALL = "all"
    ANY = "any"


COMPARISONS = frozenset(op for op in Operator if op not in (Operator.ALL, Operator.ANY))
GROUPS = frozenset((Operator.ALL, Operator.ANY))


def comparable(answer: Any) -> tuple[Scalar, ...]:
    """The scalar values an answer stands for in a comparison.

    A multiple-choice answer stands for each chosen value, an "other, namely" answer for ``"other"``, a contact
    consent for its ``consent`` flag; an unanswered or skipped question stands for nothing.
    """
    if answer is None or answer == "" or answer == []:
        return ()
    if isinstance(answer, list | tuple):
        return tuple(value for item in answer for value in comparable(item))
    if isinstance(answer, Mapping):
        if answer.get("skipped"):
            return ()
        values: list[Scalar] = []
        if "choices" in answer:
            values.extend(comparable(answer["choices"]))
        if answer.get("other"):
            values.append(OTHER)
        if "consent" in answer:
            values.append(bool(answer["consent"]))
        if not values:
            return (True,)  # a location or other structured answer: answered, but equal to no scalar
        return tuple(values)
    if isinstance(answer, str | int | float | bool):
        return (answer,)
    return ()


def _same(left: Scalar, right: Scalar) -> bool:
    # True == 1 in Python; a yes/no answer must not match the rating 1.
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    return left == right


def _number(value: Scalar) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@dataclass(frozen=True)
class Condition:
    """One node of skip logic: a comparison on ``question`` or an ``all``/``any`` group of ``conditions``."""

    operator: Operator
    question: str | None = None
    value: ConditionValue = None
    conditions: tuple[Condition, ...] = ()

    def __post_init__(self) -> None:
        if self.operator in GROUPS:
            if self.question is not None or not self.conditions:
                raise ValueError(f"a {self.operator} group needs conditions and no question")
        elif not self.question or self.conditions:
            raise ValueError(f"{self.operator} needs a question id and no nested conditions")
        elif self.operator is Operator.ANY_OF and not isinstance(self.value, tuple):
            raise ValueError("any_of needs a list of values")

    @classmethod
    def compare(cls, question: str, operator: Operator | str, value: ConditionValue = None) -> Condition:
        """A leaf condition; ``answered``/``not_answered`` take no value."""
        operator = Operator(operator)
        if isinstance(value, list):
            value = tuple(value)
        return cls(operator=operator, question=question, value=value)

    @classmethod
    def all_of(cls, *conditions: Condition) -> Condition:
        return cls(operator=Operator.ALL, conditions=tuple(conditions))

    @classmethod
    def any_of(cls, *conditions: Condition) -> Condition:
        return cls(operator=Operator.ANY, conditions=tuple(conditions))

    def matches(self, answers: Mapping[str, Any]) -> bool:
        """Whether the answers given so far satisfy this condition."""
        if self.operator is Operator.ALL:
            return all(condition.matches(answers) for condition in self.conditions)
        if self.operator is Operator.ANY:
            return any(condition.matches(answers) for condition in self.conditions)
        assert self.question is not None
        given = comparable(answers.get(self.question))
        op = self.operator
        if op is Operator.ANSWERED:
            return bool(given)
        if op is Operator.NOT_ANSWERED:
            return not given
        if op is Operator.EQUALS:
            return isinstance(self.value, Scalar) and any(_same(item, self.value) for item in given)
        if op is Operator.NOT_EQUALS:
            return not (isinstance(self.value, Scalar) and any(_same(item, self.value) for item in given))
        if op is Operator.ANY_OF:
            wanted = self.value if isinstance(self.value, tuple) else ()
            return any(_same(item, value) for item in given for value in wanted)
        bound = _number(self.value) if isinstance(self.value, Scalar) else None
        numbers = [number for number in map(_number, given) if number is not None]
        if bound is None or not numbers:
            return False
        if op is Operator.GREATER_THAN:
            return any(number > bound for number in numbers)
        return any(number < bound for number in numbers)

    def questions(self) -> tuple[str, ...]:
        """Every question id this condition looks at, in order of appearance."""
        if self.question is not None:
            return (self.question,)
        return tuple(question for condition in self.conditions for question in condition.questions())

    def to_dict(self) -> dict[str, Any]:
        """The JSON-safe form, the same as the YAML syntax: ``{"question": "q1", "equals": "yes"}`` or
        ``{"all": [...]}``."""
        if self.operator in GROUPS:
            return {self.operator.value: [condition.to_dict() for condition in self.conditions]}
        value: Any = True if self.operator in (Operator.ANSWERED, Operator.NOT_ANSWERED) else self.value
        if isinstance(value, tuple):
            value = list(value)
        return {"question": self.question, self.operator.value: value}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Condition:
        """Build a condition from its dictionary form; raises ``ValueError`` on a malformed one."""
        operators = [key for key in data if key != "question"]
        if len(operators) != 1 or operators[0] not in Operator.__members__.values():
            raise ValueError(f"a condition needs exactly one operator, got {sorted(map(str, data))}")
        operator = Operator(operators[0])
        if operator in GROUPS:
            if "question" in data or not isinstance(data[operator], list):
                raise ValueError(f"{operator} takes a list of conditions")
            return cls(operator=operator, conditions=tuple(cls.from_dict(item) for item in data[operator]))
        question = data.get("question")
        if not isinstance(question, str):
            raise ValueError(f"{operator} needs a question id")
        if operator in (Operator.ANSWERED, Operator.NOT_ANSWERED):
            return cls(operator=operator, question=question)
        return cls.compare(question, operator, data[operator])
