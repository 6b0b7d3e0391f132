"""Password hashing with Argon2id, a memory-hard scheme, so stolen hashes are slow to crack on GPUs."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2-cffi's defaults follow RFC 9106's second recommended profile
MIN_PASSWORD_LENGTH = 12

# Verifying against this when an e-mail address is unknown makes an unknown user cost as much time as a wrong
# password, so response times do not reveal which addresses have an account.
_UNKNOWN_USER_HASH = _hasher.hash("no account has this password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _UNKNOWN_USER_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
