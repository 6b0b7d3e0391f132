"""A stable pseudonym per survey response: the same response always gets the same one, and without the app's
secret key no one can go from a pseudonym back to the response (or from a database id to its pseudonym)."""

from __future__ import annotations

import base64
import hashlib
import hmac

LENGTH = 10  # base32 characters: 50 bits, so no two of a year's responses share one in practice


def pseudonym(secret_key: str, response_id: int) -> str:
    """``R-`` and ten letters and digits, from an HMAC-SHA256 of the response id under ``secret_key``."""
    digest = hmac.new(secret_key.encode("utf-8"), f"survey-response:{response_id}".encode(), hashlib.sha256).digest()
    return "R-" + base64.b32encode(digest).decode("ascii")[:LENGTH]
