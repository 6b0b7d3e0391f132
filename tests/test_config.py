from pathlib import Path

import pytest

from participation.config import ConfigurationError, build_config


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        build_config(tmp_path, {"PARTICIPATION_ENV": "production"})


@pytest.mark.parametrize("weak", ["changeme", "short-key", "dev"])
def test_production_refuses_a_weak_secret_key(tmp_path: Path, weak: str) -> None:
    with pytest.raises(ConfigurationError):
        build_config(tmp_path, {"PARTICIPATION_ENV": "production", "PARTICIPATION_SECRET_KEY": weak})


def test_production_with_a_real_key_has_secure_cookies(tmp_path: Path) -> None:
    config = build_config(tmp_path, {"PARTICIPATION_ENV": "production", "PARTICIPATION_SECRET_KEY": "x" * 40})
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


def test_a_number_setting_must_be_a_number(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="PROXY_HOPS"):
        build_config(tmp_path, {"PARTICIPATION_PROXY_HOPS": "two"})


def test_import_limits_default_and_come_from_the_environment(tmp_path: Path) -> None:
    config = build_config(tmp_path, {})
    assert (config["IMPORT_MAX_MB"], config["DEFINITION_MAX_MB"], config["GEODATA_MAX_MB"]) == (50, 2, 1024)
    assert build_config(tmp_path, {"PARTICIPATION_IMPORT_MAX_MB": "200"})["IMPORT_MAX_MB"] == 200


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_an_import_limit_is_a_positive_number_of_megabytes(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigurationError, match="PARTICIPATION_DEFINITION_MAX_MB"):
        build_config(tmp_path, {"PARTICIPATION_DEFINITION_MAX_MB": value})
