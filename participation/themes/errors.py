"""Why a theme definition was refused: a field, a code, and a translated message for the analyst."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

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
    "keyword_format": _l("Give each keyword as a word or a phrase of at most three words and 60 characters: %(words)s"),
    "language_code": _l("Keywords need a language code such as nl or ar."),
    "text_language_code": _l("Each label and description needs a language code such as tr or ar."),
    "merge_same": _l("A theme cannot be merged into itself."),
    "merge_inactive": _l("Choose an active theme to merge into."),
    "merged_already": _l("This theme has been merged into another one already."),
}


class ThemeError(CodedError):
    """A theme definition the codebook cannot hold; ``field`` names the form field it belongs to."""

    MESSAGES = MESSAGES
