"""Why a request on a staff account was refused: a field, a code, and a translated message for the person asking."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

MESSAGES = {
    "email_invalid": _l("This e-mail address does not look right. Please check it."),
    "email_taken": _l("This e-mail address has an account already."),
    "password_short": _l("Use at least %(min)d characters."),
    "password_wrong": _l("Your current password is not correct."),
    # What makes a password guessable, worded after the weakest part zxcvbn found in it (see passwords.py).
    "password_common": _l(
        "This password is, or contains, one of the most used passwords. Choose a sentence of a few unusual words."
    ),
    "password_personal": _l(
        "This password is built on your e-mail address, your organisation or the name of this site. "
        "Choose words that have nothing to do with them."
    ),
    "password_word": _l("A common word with a few digits or signs is easy to guess. Add more unusual words."),
    "password_name": _l("Names and surnames are easy to guess. Add more unusual words."),
    "password_keyboard": _l("Rows of neighbouring keys, such as qwerty, are easy to guess. Choose unusual words."),
    "password_repeated": _l("Repeated characters or words, such as aaa or abcabc, are easy to guess."),
    "password_sequence": _l("Sequences such as abc or 6543 are easy to guess."),
    "password_date": _l("Dates and years are easy to guess. Leave them out or add more unusual words."),
    "password_guessable": _l("This password is too easy to guess. Make it longer, for example with more words."),
    "own_account": _l("You cannot deactivate your own account."),
    "organisation_name": _l("Fill in the name of the organisation."),
    "organisation_taken": _l("An organisation with this name is in the register already."),
}


class AccountError(CodedError):
    """A request on an account that cannot be carried out; ``field`` names the form field it is about."""

    MESSAGES = MESSAGES
