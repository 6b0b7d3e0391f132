"""Why a theme definition was refused: a field, a code, and a translated message for the analyst."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "code_required": _l("Fill in a code."),
    "code_format": _l("Use lower-case letters, digits, hyphens and underscores, starting with a letter."),
    "code_taken": _l("Another theme has this code already."),
    "code_fixed": _l("The code of a theme cannot change: the codebook file and exports refer to it."),
    "label_required": _l("Fill in a label."),
    "too_long": _l("Use at most %(max)d characters."),
    "pillar_range": _l("Choose one of the five pillars."),
    "goals_required": _l("Choose at least one strategic goal."),
    "goal_range": _l("Choose strategic goals from 1 to 10 only."),
    "keyword_format": _l("Give each keyword as one word of at most 60 characters: %(words)s"),
    "language_code": _l("Keywords need a language code such as nl or ar."),
    "merge_same": _l("A theme cannot be merged into itself."),
    "merge_inactive": _l("Choose an active theme to merge into."),
    "merged_already": _l("This theme has been merged into another one already."),
}


class ThemeError(ValueError):
    """A theme definition the codebook cannot hold; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown theme error code {code!r}")
        self.field = field
        self.code = code
        self.params = params
        super().__init__(f"{field}: {code}")

    @property
    def message(self) -> str:
        """The message in the current language; in English outside a request (the CLI, scripts, tests), where the
        app's locale selector has no request to look at."""
        if not has_request_context():
            with force_locale("en"):
                return self._translated()
        return self._translated()

    def _translated(self) -> str:
        text = MESSAGES[self.code]
        return str(text % self.params) if self.params else str(text)
