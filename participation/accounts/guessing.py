"""zxcvbn's estimate of how many guesses a secret takes, shared by the password rule and the secret-key check."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from zxcvbn import zxcvbn

# zxcvbn refuses longer input; a secret whose first 72 characters are hard to guess is hard to guess.
SCORED_LENGTH = 72

# zxcvbn keeps the user inputs of a call in a module-level dictionary, so two threads must not score at once.
_lock = threading.Lock()


def estimate(secret: str, user_inputs: Iterable[str] = ()) -> dict[str, Any]:
    """zxcvbn's result for ``secret`` (its first 72 characters), with ``user_inputs`` counted as easy guesses."""
    with _lock:
        return dict(zxcvbn(secret[:SCORED_LENGTH], user_inputs=list(user_inputs)))
