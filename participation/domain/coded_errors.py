"""A refusal that names the form field it belongs to, a code for programs, and a translated message for people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from flask import has_request_context
from flask_babel import force_locale
from flask_babel.speaklater import LazyString


class CodedError(ValueError):
    """Subclasses set ``MESSAGES`` (code -> lazy text with %(name)s placeholders filled from ``params``)."""

    MESSAGES: ClassVar[Mapping[str, LazyString]] = {}

    def __init__(self, field: str, code: str, **params: Any) -> None:
        if code not in self.MESSAGES:
            raise ValueError(f"unknown {type(self).__name__} code {code!r}")
        self.field = field
        self.code = code
        self.params = params
        super().__init__(f"{field}: {code}")

    @property
    def refusals(self) -> list[CodedError]:
        """The single-field refusals this one is made of: itself; a refusal of several fields lists one per field."""
        return [self]

    @property
    def message(self) -> str:
        """The message in the current language; in English outside a request (the CLI, scripts, tests), where the
        app's locale selector has no visitor to look at."""
        if not has_request_context():
            with force_locale("en"):
                return self._translated()
        return self._translated()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form a program reads: the code, its parameters and the message."""
        return {"code": self.code, "params": dict(self.params), "message": self.message}

    def _translated(self) -> str:
        text = self.MESSAGES[self.code]
        return str(text % self.params) if self.params else str(text)
