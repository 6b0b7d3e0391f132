"""Rate-limit counters live in Redis in production: their keys must not hold the e-mail addresses tried."""

from collections.abc import Callable

from flask import Flask
from limits.storage import MemoryStorage

from participation.extensions import limiter
from participation.models import Role
from participation.web.security import email_rate_limit_key
from tests.factories import StaffAccount

SECRET = "a-secret-key-for-the-rate-limit-key-tests-only"


def test_the_e_mail_key_is_a_keyed_hash_without_the_address() -> None:
    key = email_rate_limit_key(SECRET, "Wijkagent@Example.org")
    assert "wijkagent" not in key.lower() and "example" not in key.lower()
    assert key.startswith("login-email:") and len(key) == len("login-email:") + 64


def test_the_e_mail_key_is_stable_for_every_spelling_of_one_address() -> None:
    key = email_rate_limit_key(SECRET, "wijkagent@example.org")
    assert email_rate_limit_key(SECRET, "  WijkAgent@Example.ORG ") == key
    assert email_rate_limit_key(SECRET, "buurtwerker@example.org") != key


def test_without_the_secret_key_the_address_cannot_be_checked_against_a_key() -> None:
    assert email_rate_limit_key(SECRET, "wijkagent@example.org") != email_rate_limit_key(
        "another-secret-key-for-another-deployment", "wijkagent@example.org"
    )


def test_the_counters_of_failed_sign_ins_hold_no_address(
    make_app: Callable[..., Flask], make_staff: Callable[..., StaffAccount]
) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    user = make_staff(Role.PROFESSIONAL)
    statuses = [
        app.test_client()
        .post(
            "/login",
            data={"email": user.email.upper(), "password": "wrong"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{attempt}"},
        )
        .status_code
        for attempt in range(1, 5)
    ]
    assert statuses == [400, 400, 400, 429]  # four addresses, one e-mail address: the e-mail limit counts
    storage = limiter.storage
    assert isinstance(storage, MemoryStorage)
    keys = " ".join([*storage.storage, *storage.events]).lower()
    assert email_rate_limit_key(app.config["SECRET_KEY"], user.email) in keys
    assert user.email.split("@")[0] not in keys
