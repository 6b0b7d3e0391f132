"""Fixed, translated labels that belong to a question type rather than to a survey (the agreement scale, yes/no).

Lazy strings, so that they render in the language of the request that shows them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.surveys.model import Tone

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

# What an open question asks for, and so the tone of the themes found in its answers.
TONE_LABELS = {
    Tone.PRAISE: _l("Praise"),
    Tone.COMPLAINT: _l("Complaint or improvement"),
    Tone.NEUTRAL: _l("Neutral"),
}
