"""Password hashing with Argon2id, a memory-hard scheme, so stolen hashes are slow to crack on GPUs; and the
strength rule every new password meets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from participation.accounts.guessing import estimate

_hasher = PasswordHasher()  # argon2-cffi's defaults follow RFC 9106's second recommended profile
MIN_PASSWORD_LENGTH = 12
# zxcvbn's top score: at least 10^10 guesses. Staff accounts open contact details of residents, and a score of 3
# still lets through a place name with a year and a sign ("Rotterdam2023!").
MIN_PASSWORD_SCORE = 4
# Words of the platform itself, which anyone attacking one of its accounts tries first.
PLATFORM_WORDS = ("dordrecht", "dordt", "participatie", "participation", "leefbaarheid", "veiligheid", "nplv")

# Verifying against this when an e-mail address is unknown makes an unknown user cost as much time as a wrong
# password, so response times do not reveal which addresses have an account.
_UNKNOWN_USER_HASH = _hasher.hash("no account has this password")

_NAME_DICTIONARIES = frozenset({"male_names", "female_names", "surnames"})


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _UNKNOWN_USER_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def personal_words(*texts: str) -> list[str]:
    """``texts`` (an e-mail address, an organisation's name) whole and cut into words, for zxcvbn's user inputs."""
    words: list[str] = []
    for text in texts:
        lowered = text.strip().lower()
        if not lowered:
            continue
        parts = [part for part in re.split(r"[\W_]+", lowered) if len(part) >= 3]
        words.extend([lowered, "".join(parts), *parts])
    return list(dict.fromkeys(word for word in words if word))


def site_words(config: Mapping[str, Any]) -> list[str]:
    """The deployment's own names (focus area, organisation, web address, contact address) and the platform's."""
    host = urlsplit(str(config.get("PUBLIC_BASE_URL", ""))).hostname or ""
    names = (str(config.get(key, "")) for key in ("FOCUS_AREA_NAME", "ORGANISATION_NAME", "CONTACT_EMAIL"))
    return [*personal_words(*names, host), *PLATFORM_WORDS]


def weakness(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """None for a password strong enough, else the code of what makes it guessable (an ``AccountError`` code).

    The code names the longest guessable part zxcvbn found, as zxcvbn's own feedback does, but in our own words
    so that it can be translated."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "password_short"
    result = estimate(password, user_inputs)
    if result["score"] >= MIN_PASSWORD_SCORE:
        return None
    guessable = [match for match in result["sequence"] if match["pattern"] != "bruteforce"]
    if not guessable:
        return "password_guessable"
    return _weakness_code(max(guessable, key=lambda match: len(match["token"])))


def _weakness_code(match: Mapping[str, Any]) -> str:
    pattern = match["pattern"]
    if pattern == "dictionary":
        dictionary = match.get("dictionary_name")
        if dictionary == "passwords":
            return "password_common"
        if dictionary == "user_inputs":
            return "password_personal"
        return "password_name" if dictionary in _NAME_DICTIONARIES else "password_word"
    return {
        "spatial": "password_keyboard",
        "repeat": "password_repeated",
        "sequence": "password_sequence",
        "regex": "password_date",  # zxcvbn's only regex is recent years
        "date": "password_date",
    }.get(pattern, "password_guessable")
