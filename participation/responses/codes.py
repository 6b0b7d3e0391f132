"""Short codes residents can read aloud and type on a phone: resume codes and receipt codes.

Crockford's base32 leaves out letters that look like digits (I, L, O, U), and reading is forgiving: lower case,
spaces, dashes, and O/I/L typed for 0/1/1 all still match. Only a hash of each code is stored.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code(length: int = 10) -> str:
    """A random code in groups of five, e.g. ``7KQ2M-X9D4B``: 5 bits of randomness per character."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return "-".join(raw[start : start + 5] for start in range(0, length, 5))


def normalise_code(text: str) -> str:
    cleaned = "".join(character for character in text.upper() if character.isalnum())
    return cleaned.translate(_READ_AS)


def hash_code(text: str) -> str:
    return hashlib.sha256(normalise_code(text).encode("ascii", "ignore")).hexdigest()


def looks_like_code(text: str, length: int) -> bool:
    cleaned = normalise_code(text)
    return len(cleaned) == length and all(character in ALPHABET for character in cleaned)
