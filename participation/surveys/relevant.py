"""XLSForm ``relevant`` expressions, the simple ones survey authors write, turned into our skip-logic conditions.

Supported: ``${q} = 'a'``, ``${q} != 'a'``, ``${q} > 5`` (and ``<``, ``>=``, ``<=``), ``${q} = ''`` and
``${q} != ''`` (not answered / answered), ``selected(${q}, 'a')``, ``not(selected(${q}, 'a'))``,
``string-length(${q}) > 0``, combined with ``and``, ``or`` and parentheses. Anything else is refused with a
message, rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from participation.surveys.limits import MAX_CONDITION_DEPTH, SurveyLimitError

TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{[^}]*\})|(?P<string>'[^']*'|\"[^\"]*\")|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<op>!=|>=|<=|=|>|<)|(?P<punct>[(),])|(?P<word>[A-Za-z_][A-Za-z0-9_-]*))"
)
FLIPPED = {"=": "=", "!=": "!=", ">": "<", "<": ">", ">=": "<=", "<=": ">="}


class RelevantError(ValueError):
    """An expression we cannot turn into a condition; the message says what and where."""


def tokenize(expression: str) -> list[tuple[str, str]]:
    """The tokens of an expression as ``(kind, text)`` pairs."""
    tokens: list[tuple[str, str]] = []
    position = 0
    expression = expression.rstrip()
    while position < len(expression):
        match = TOKEN.match(expression, position)
        if match is None or match.end() == position:
            raise RelevantError(f"cannot read {expression[position:].strip()!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, expression: str, kind_of: Callable[[str], str | None]) -> None:
        self.tokens = tokenize(expression)
        self.position = 0
        self.kind_of = kind_of  # question id -> question type, for reading literals as numbers or text

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def take(self, kind: str, text: str | None = None) -> str:
        token = self.peek()
        if token[0] != kind or (text is not None and token[1] != text):
            wanted = text or kind
            raise RelevantError(f"expected {wanted} but found {token[1] or 'the end'!r}")
        self.position += 1
        return token[1]

    def parse(self) -> dict[str, Any]:
        condition = self.either()
        if self.peek()[0] != "end":
            raise RelevantError(f"unexpected {self.peek()[1]!r}")
        return condition

    def either(self) -> dict[str, Any]:
        parts = [self.both()]
        while self.peek() == ("word", "or"):
            self.position += 1
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else {"any": parts}

    def both(self) -> dict[str, Any]:
        parts = [self.primary()]
        while self.peek() == ("word", "and"):
            self.position += 1
            parts.append(self.primary())
        return parts[0] if len(parts) == 1 else {"all": parts}

    def primary(self) -> dict[str, Any]:
        kind, text = self.peek()
        if (kind, text) == ("punct", "("):
            self.position += 1
            inner = self.either()
            self.take("punct", ")")
            return inner
        if kind == "word" and text == "not":
            self.position += 1
            self.take("punct", "(")
            inner = self.primary()
            self.take("punct", ")")
            if "equals" in inner:
                return {"question": inner["question"], "not_equals": inner["equals"]}
            raise RelevantError("not(...) is only supported around selected(...)")
        if kind == "word" and text == "selected":
            self.position += 1
            self.take("punct", "(")
            question = self.reference()
            self.take("punct", ",")
            value = self.literal(question)
            self.take("punct", ")")
            return {"question": question, "equals": value}
        if kind == "word" and text == "string-length":
            self.position += 1
            self.take("punct", "(")
            question = self.reference()
            self.take("punct", ")")
            operator = self.take("op")
            length = self.take("number")
            if (operator, length) in ((">", "0"), ("!=", "0"), (">=", "1")):
                return {"question": question, "answered": True}
            if (operator, length) in (("=", "0"), ("<", "1")):
                return {"question": question, "not_answered": True}
            raise RelevantError("string-length(...) is only supported compared with 0")
        if kind == "ref":
            question = self.reference()
            operator = self.take("op")
            return self.comparison(question, operator)
        if kind in ("string", "number"):
            # A literal first, as in 5 < ${age}: the mirrored comparison.
            self.position += 1
            operator = FLIPPED[self.take("op")]
            question = self.reference()
            return self.compare(question, operator, self.convert(kind, text, question))
        raise RelevantError(f"unexpected {text or 'end of expression'!r}")

    def reference(self) -> str:
        return self.take("ref")[2:-1].strip()

    def literal(self, question: str) -> str | int | float:
        kind, text = self.peek()
        if kind not in ("string", "number"):
            raise RelevantError(f"expected a value like 'yes' or 5, found {text or 'the end'!r}")
        self.position += 1
        return self.convert(kind, text, question)

    def convert(self, kind: str, text: str, question: str) -> str | int | float:
        value = text[1:-1] if kind == "string" else text
        target = self.kind_of(question)
        # Choice names are text even when they look like numbers (select_one with names 1..5 is common).
        numeric = target in ("number", "rating", "agreement") or (target is None and kind == "number")
        if numeric:
            try:
                number = float(value)
            except ValueError:
                return value
            return int(number) if number.is_integer() else number
        return value

    def comparison(self, question: str, operator: str) -> dict[str, Any]:
        if self.peek()[0] == "string" and self.peek()[1] in ("''", '""'):
            self.position += 1
            if operator == "=":
                return {"question": question, "not_answered": True}
            if operator == "!=":
                return {"question": question, "answered": True}
            raise RelevantError(f"{operator} '' means nothing; use = '' or != ''")
        return self.compare(question, operator, self.literal(question))

    def compare(self, question: str, operator: str, value: str | int | float) -> dict[str, Any]:
        simple = {"=": "equals", "!=": "not_equals", ">": "greater_than", "<": "less_than"}
        if operator in simple:
            return {"question": question, simple[operator]: value}
        # >= and <= have no operator of their own: "greater than or equal to" is "greater than, or equal to".
        strict = "greater_than" if operator == ">=" else "less_than"
        return {"any": [{"question": question, strict: value}, {"question": question, "equals": value}]}


def parse_relevant(expression: str, kind_of: Callable[[str], str | None]) -> dict[str, Any]:
    """The condition (in its dictionary form) for a ``relevant`` expression; raises ``RelevantError``.

    ``kind_of`` gives the question type for an id, so that ``${age} > '17'`` compares numbers.
    """
    if not expression.strip():
        raise RelevantError("the expression is empty")
    parser = _Parser(expression, kind_of)
    # The parser recurses per parenthesis; each level of conditions takes at most two (a group and a function).
    depth = deepest = 0
    for token in parser.tokens:
        depth += {("punct", "("): 1, ("punct", ")"): -1}.get(token, 0)
        deepest = max(deepest, depth)
    if deepest > 2 * MAX_CONDITION_DEPTH:
        refusal = SurveyLimitError("relevant", "condition_too_deep", limit=MAX_CONDITION_DEPTH)
        raise RelevantError(refusal.message)
    return parser.parse()
