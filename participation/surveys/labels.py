"""Fixed, translated labels that belong to a question type rather than to a survey (the agreement scale, yes/no).

Lazy strings, so that they render in the language of the request that shows them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# Five-point agreement scale; the stored value is the number, 1 = strongly disagree .. 5 = strongly agree.
AGREEMENT_LABELS = {
    1: _l("Strongly disagree"),
    2: _l("Disagree"),
    3: _l("Neither agree nor disagree"),
    4: _l("Agree"),
    5: _l("Strongly agree"),
}

YES_NO_LABELS = {
    True: _l("Yes"),
    False: _l("No"),
}

# The "other, namely" option a choice question with other_option shows after its own choices.
OTHER_LABEL = _l("Other, namely")
