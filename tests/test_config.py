import secrets
from collections.abc import Callable
from pathlib import Path

import pytest

from participation.config import ConfigurationError, build_config, secret_key_entropy_bits
from tests.factories import PRODUCTION_SECRET_KEY


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        build_config(tmp_path, {"PARTICIPATION_ENV": "production"})


@pytest.mark.parametrize("weak", ["changeme", "short-key", "dev"])
def test_production_refuses_a_weak_secret_key(tmp_path: Path, weak: str) -> None:
    with pytest.raises(ConfigurationError):
        build_config(tmp_path, {"PARTICIPATION_ENV": "production", "PARTICIPATION_SECRET_KEY": weak})


def test_production_with_a_real_key_has_secure_cookies(tmp_path: Path) -> None:
    config = build_config(
        tmp_path, {"PARTICIPATION_ENV": "production", "PARTICIPATION_SECRET_KEY": PRODUCTION_SECRET_KEY}
    )
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_local_secret_key_is_generated_once_under_instance(tmp_path: Path) -> None:
    first = build_config(tmp_path, {})["SECRET_KEY"]
    second = build_config(tmp_path, {})["SECRET_KEY"]
    assert first == second
    assert len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_embedded_default_is_sqlite_under_instance(tmp_path: Path) -> None:
    config = build_config(tmp_path, {})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'participation.sqlite3'}"
    assert config["LANGUAGES"] == ["nl", "en", "tr", "ar", "pl", "bg"]
    assert config["DEFAULT_LANGUAGE"] == "nl"


def test_settings_come_from_prefixed_environment_variables(tmp_path: Path) -> None:
    config = build_config(
        tmp_path,
        {
            "PARTICIPATION_DATABASE_URL": "postgresql+psycopg://db.example/participation",
            "PARTICIPATION_LANGUAGES": "nl, en ,so",
            "PARTICIPATION_FOCUS_AREA": "ruim",
            "PARTICIPATION_TILE_URL": "https://tiles.example/{z}/{x}/{y}.png",
            "PARTICIPATION_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
            "PARTICIPATION_PROXY_HOPS": "1",
            "DATABASE_URL": "ignored: no prefix",
        },
    )
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db.example/participation"
    assert config["LANGUAGES"] == ["nl", "en", "so"]
    assert config["FOCUS_AREA"] == "ruim"
    assert config["TILE_URL"] == "https://tiles.example/{z}/{x}/{y}.png"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert config["PROXY_HOPS"] == 1


def test_default_language_must_be_offered(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="DEFAULT_LANGUAGE"):
        build_config(tmp_path, {"PARTICIPATION_LANGUAGES": "en,tr"})


def test_times_are_shown_in_the_configured_zone_and_an_unknown_zone_is_refused(tmp_path: Path) -> None:
    assert build_config(tmp_path, {})["BABEL_DEFAULT_TIMEZONE"] == "Europe/Amsterdam"
    sofia = build_config(tmp_path, {"PARTICIPATION_TIMEZONE": "Europe/Sofia"})
    assert sofia["BABEL_DEFAULT_TIMEZONE"] == "Europe/Sofia"
    with pytest.raises(ConfigurationError, match="TIMEZONE"):
        build_config(tmp_path, {"PARTICIPATION_TIMEZONE": "Europe/Dordrecht"})


def test_a_number_setting_must_be_a_number(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="PROXY_HOPS"):
        build_config(tmp_path, {"PARTICIPATION_PROXY_HOPS": "two"})


@pytest.mark.parametrize(
    "weak",
    [
        "a" * 40,
        "0123456789abcdef" * 4,  # 16 different characters, but a repeated block
        "abcdefghijklmnopqrstuvwxyz012345",  # a sequence
        "91c01ab36a2af7b2793c5b44ac66b8d5",  # 32 hex digits: 128 bits at best, too little margin for the estimate
    ],
)
def test_production_refuses_a_secret_key_with_little_entropy(tmp_path: Path, weak: str) -> None:
    assert len(weak) >= 32  # long enough: the length rule alone let these through
    with pytest.raises(ConfigurationError, match="128 bits"):
        build_config(tmp_path, {"PARTICIPATION_ENV": "production", "PARTICIPATION_SECRET_KEY": weak})


@pytest.mark.parametrize("make_key", [lambda: secrets.token_urlsafe(48), lambda: secrets.token_hex(32)])
def test_production_accepts_a_generated_secret_key(tmp_path: Path, make_key: Callable[[], str]) -> None:
    key = make_key()
    config = build_config(tmp_path, {"PARTICIPATION_ENV": "production", "PARTICIPATION_SECRET_KEY": key})
    assert config["SECRET_KEY"] == key


def test_the_secret_key_entropy_estimate() -> None:
    assert secret_key_entropy_bits("a" * 40) == 0
    assert secret_key_entropy_bits("") == 0
    assert secret_key_entropy_bits("ab" * 20) <= 40
    assert secret_key_entropy_bits(secrets.token_urlsafe(48)) > 200


def test_session_lifetimes_are_settings_of_at_least_one(tmp_path: Path) -> None:
    config = build_config(tmp_path, {})
    assert (config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"]) == (30, 12)
    config = build_config(
        tmp_path, {"PARTICIPATION_SESSION_IDLE_MINUTES": "15", "PARTICIPATION_SESSION_MAX_HOURS": "8"}
    )
    assert (config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"]) == (15, 8)
    with pytest.raises(ConfigurationError, match="SESSION_IDLE_MINUTES"):
        build_config(tmp_path, {"PARTICIPATION_SESSION_IDLE_MINUTES": "0"})


def test_import_limits_default_and_come_from_the_environment(tmp_path: Path) -> None:
    config = build_config(tmp_path, {})
    assert (config["IMPORT_MAX_MB"], config["DEFINITION_MAX_MB"], config["GEODATA_MAX_MB"]) == (50, 2, 1024)
    assert build_config(tmp_path, {"PARTICIPATION_IMPORT_MAX_MB": "200"})["IMPORT_MAX_MB"] == 200


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_an_import_limit_is_a_positive_number_of_megabytes(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigurationError, match="PARTICIPATION_DEFINITION_MAX_MB"):
        build_config(tmp_path, {"PARTICIPATION_DEFINITION_MAX_MB": value})


def test_contact_retention_is_a_setting_of_at_least_one_day(tmp_path: Path) -> None:
    assert build_config(tmp_path, {})["CONTACT_RETENTION_DAYS"] == 730
    config = build_config(tmp_path, {"PARTICIPATION_CONTACT_RETENTION_DAYS": "365"})
    assert config["CONTACT_RETENTION_DAYS"] == 365
    with pytest.raises(ConfigurationError, match="PARTICIPATION_CONTACT_RETENTION_DAYS"):
        build_config(tmp_path, {"PARTICIPATION_CONTACT_RETENTION_DAYS": "0"})
