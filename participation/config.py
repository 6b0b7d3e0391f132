"""Settings: safe defaults first, then environment variables with the ``PARTICIPATION_`` prefix.

Every setting is documented in the README. A deployment changes behaviour through the environment only, so the
same code runs as a laptop demo (SQLite under ``instance/``) and as a production service behind a reverse proxy.
"""

from __future__ import annotations

import math
import os
import secrets
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from participation.accounts.guessing import estimate

ENV_PREFIX = "PARTICIPATION_"
COMPRESSED_TYPES = (
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "application/manifest+json",
    "image/svg+xml",
)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LANGUAGES = ("nl", "en", "tr", "ar", "pl", "bg")
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_BITS = 128
WEAK_SECRET_KEYS = frozenset({"", "dev", "change-me", "changeme", "secret", "development"})
# The largest files the import commands read, in megabytes, per kind of file (documented in the README).
IMPORT_MAX_MB = 50  # CSV tables: population figures, reference values, the address register
DEFINITION_MAX_MB = 2  # survey definitions (YAML, XLSForm) and the codebook
GEODATA_MAX_MB = 1024  # vector files: boundaries (a national wijk- en buurtkaart) and street registers
# Two years: long enough to invite someone to the next round of sessions, short enough not to keep a register of
# residents nobody talks to any more.
CONTACT_RETENTION_DAYS = 730


class ConfigurationError(RuntimeError):
    """The environment asks for something the app cannot run with (for example, production without a key)."""


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _as_int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigurationError(f"{ENV_PREFIX}{name} must be a whole number, got {value!r}") from exc


# name -> parser for values read from the environment
_PARSERS: dict[str, Any] = {
    "ENV": str,
    "DATABASE_URL": str,
    "SECRET_KEY": str,
    "LANGUAGES": _split_list,
    "DEFAULT_LANGUAGE": str,
    "FOCUS_AREA": str,
    "FOCUS_AREA_NAME": str,
    "MUNICIPALITY_CODE": str,
    "GEODATA_DIR": str,
    "SURVEYS_DIR": str,
    "TIMEZONE": str,
    "TILE_URL": str,
    "TILE_ATTRIBUTION": str,
    "RATELIMIT_STORAGE_URI": str,
    "RATELIMIT_KEY_PREFIX": str,
    "PUBLIC_BASE_URL": str,
    "LOGIN_RATE_LIMIT": str,
    "API_RATE_LIMIT": str,
    "PROXY_HOPS": "int",
    "COMPRESS": "int",
    "SMALL_COUNT_THRESHOLD": "int",
    "SESSION_IDLE_MINUTES": "int",
    "SESSION_MAX_HOURS": "int",
    "IMPORT_MAX_MB": "int",
    "DEFINITION_MAX_MB": "int",
    "GEODATA_MAX_MB": "int",
    "CONTACT_RETENTION_DAYS": "int",
    "CONTACT_EMAIL": str,
    "ORGANISATION_NAME": str,
    "TASKS_URL": str,
    "TASKS_WORKER": str,
    "TASKS_NAME": str,
}


def defaults(instance_path: Path) -> dict[str, Any]:
    """The embedded default: a local demo on SQLite with the Dordrecht geodata."""
    return {
        "ENV": "development",
        "DATABASE_URL": f"sqlite:///{instance_path / 'participation.sqlite3'}",
        "SECRET_KEY": "",
        "LANGUAGES": list(DEFAULT_LANGUAGES),
        "DEFAULT_LANGUAGE": "nl",
        "FOCUS_AREA": "kern",
        "FOCUS_AREA_NAME": "Dordt West",
        "MUNICIPALITY_CODE": "GM0505",
        "GEODATA_DIR": str(PROJECT_ROOT / "geodata"),
        "SURVEYS_DIR": str(PROJECT_ROOT / "surveys"),
        # Wall-clock times typed by staff (when a conversation took place) are read in this zone, and every time
        # shown (pages, exports, the audit log) is shown in it; stored times stay UTC.
        "TIMEZONE": "Europe/Amsterdam",
        # PDOK BRT achtergrondkaart: the Dutch government's own base map, free to use.
        "TILE_URL": "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
        "TILE_ATTRIBUTION": "Kaartgegevens &copy; Kadaster",
        "RATELIMIT_STORAGE_URI": "memory://",
        # Keeps counters of several deployments (or test runs) apart when they share one Redis.
        "RATELIMIT_KEY_PREFIX": "participation",
        # Where residents reach the site; printed on posters as a QR code. Empty: the address a poster's request
        # came in on (`flask surveys qr`, which has no request, falls back to http://127.0.0.1:5000).
        "PUBLIC_BASE_URL": "",
        "LOGIN_RATE_LIMIT": "10 per minute",
        "API_RATE_LIMIT": "60 per minute",
        "PROXY_HOPS": 0,
        # Compress answers (zstd, brotli or gzip, as the browser accepts) in the app itself; 0 when a reverse proxy
        # does it. The outlines are GeoJSON and the exports CSV, beside Flask-Compress's own list of text types.
        "COMPRESS": 1,
        "COMPRESS_MIMETYPES": [*COMPRESSED_TYPES],
        "SMALL_COUNT_THRESHOLD": 5,
        # A staff session ends after this long without a request, and this long after sign-in in any case.
        "SESSION_IDLE_MINUTES": 30,
        "SESSION_MAX_HOURS": 12,
        "IMPORT_MAX_MB": IMPORT_MAX_MB,
        "DEFINITION_MAX_MB": DEFINITION_MAX_MB,
        "GEODATA_MAX_MB": GEODATA_MAX_MB,
        # The longest a new contact in the field register is kept; the purge deletes it after its date.
        "CONTACT_RETENTION_DAYS": CONTACT_RETENTION_DAYS,
        "CONTACT_EMAIL": "programmabureau@dordtwest.example",
        "ORGANISATION_NAME": "Alliantie Dordt West",
        # The background task queue (huey): a SQLite file needs no server; production gives redis://host:6379/0.
        "TASKS_URL": f"sqlite:///{instance_path / 'tasks.db'}",
        # Who runs the queued tasks: "embedded" (a child process of one web process) or "separate" (`flask tasks
        # worker`); empty: embedded for a SQLite queue, separate for Redis.
        "TASKS_WORKER": "",
        # Keeps the queues of several deployments (or test runs) apart when they share one Redis.
        "TASKS_NAME": "participation",
    }


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read every known ``PARTICIPATION_*`` variable; unknown ones are ignored."""
    settings: dict[str, Any] = {}
    for name, parser in _PARSERS.items():
        raw = environ.get(ENV_PREFIX + name)
        if raw is None:
            continue
        settings[name] = _as_int(name, raw) if parser == "int" else parser(raw)
    return settings


def secret_key_entropy_bits(key: str) -> float:
    """A cautious estimate of how many bits of randomness ``key`` holds: the lower of its length times the Shannon
    entropy of its own characters (40 times "a" holds none) and zxcvbn's guess count (which also sees words,
    keyboard rows and repeated blocks, such as "0123456789abcdef" four times)."""
    if not key:
        return 0.0
    counts = Counter(key).values()
    shannon = -sum(count / len(key) * math.log2(count / len(key)) for count in counts) * len(key)
    guesses = float(estimate(key)["guesses"])
    return max(0.0, min(shannon, math.log2(guesses)))


def _local_secret_key(instance_path: Path) -> str:
    """A key generated once per checkout so local sessions survive restarts; never used in production."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def build_config(
    instance_path: Path,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Merge defaults, environment and explicit overrides into the Flask config mapping."""
    settings = defaults(instance_path)
    settings.update(from_environment(os.environ if environ is None else environ))
    settings.update(overrides or {})
    _check(settings)

    production = settings["ENV"] == "production"
    if production:
        key = settings["SECRET_KEY"]
        if (
            key.lower() in WEAK_SECRET_KEYS
            or len(key) < MIN_SECRET_KEY_LENGTH
            or secret_key_entropy_bits(key) < MIN_SECRET_KEY_BITS
        ):
            raise ConfigurationError(
                f"{ENV_PREFIX}SECRET_KEY must be set to a random value of at least {MIN_SECRET_KEY_LENGTH} characters "
                f"and an estimated {MIN_SECRET_KEY_BITS} bits in production; make one with "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
    elif not settings["SECRET_KEY"]:
        settings["SECRET_KEY"] = _local_secret_key(instance_path)

    settings.update(
        SQLALCHEMY_DATABASE_URI=settings["DATABASE_URL"],
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        BABEL_DEFAULT_LOCALE=settings["DEFAULT_LANGUAGE"],
        # flask_babel's datetimeformat filter and format_datetime convert to this zone: the one way times are shown.
        BABEL_DEFAULT_TIMEZONE=settings["TIMEZONE"],
        BABEL_TRANSLATION_DIRECTORIES=str(PROJECT_ROOT / "translations"),
        RATELIMIT_STORAGE_URI=settings["RATELIMIT_STORAGE_URI"],
        RATELIMIT_HEADERS_ENABLED=True,
        SESSION_COOKIE_SECURE=production,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=production,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        PREFERRED_URL_SCHEME="https" if production else "http",
    )
    return settings


def _check(settings: Mapping[str, Any]) -> None:
    languages = settings["LANGUAGES"]
    if not languages:
        raise ConfigurationError(f"{ENV_PREFIX}LANGUAGES must name at least one language")
    if settings["DEFAULT_LANGUAGE"] not in languages:
        raise ConfigurationError(
            f"{ENV_PREFIX}DEFAULT_LANGUAGE {settings['DEFAULT_LANGUAGE']!r} is not one of {ENV_PREFIX}LANGUAGES"
        )
    for name in ("IMPORT_MAX_MB", "DEFINITION_MAX_MB", "GEODATA_MAX_MB"):
        if not isinstance(settings[name], int) or settings[name] < 1:
            raise ConfigurationError(f"{ENV_PREFIX}{name} must be a whole number of megabytes, at least 1")
    if settings["ENV"] not in {"development", "production", "testing"}:
        raise ConfigurationError(f"{ENV_PREFIX}ENV must be development, production or testing")
    try:
        ZoneInfo(settings["TIMEZONE"])
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigurationError(
            f"{ENV_PREFIX}TIMEZONE {settings['TIMEZONE']!r} is not a time zone name such as Europe/Amsterdam"
        ) from exc
    _check_tasks(settings)
    for name in ("SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "CONTACT_RETENTION_DAYS"):
        if settings[name] < 1:
            raise ConfigurationError(f"{ENV_PREFIX}{name} must be at least 1")


TASKS_SCHEMES = ("sqlite", "redis", "rediss", "memory")
TASKS_WORKERS = ("embedded", "separate")


def _check_tasks(settings: Mapping[str, Any]) -> None:
    scheme = str(settings["TASKS_URL"]).partition("://")[0]
    if scheme not in TASKS_SCHEMES:
        raise ConfigurationError(
            f"{ENV_PREFIX}TASKS_URL must start with sqlite:///, redis:// or rediss:// (memory:// for tests), "
            f"got {settings['TASKS_URL']!r}"
        )
    if settings["TASKS_WORKER"] not in ("", *TASKS_WORKERS):
        raise ConfigurationError(f"{ENV_PREFIX}TASKS_WORKER must be embedded or separate (or empty)")
    if scheme == "memory" and settings["ENV"] == "production":
        raise ConfigurationError(f"{ENV_PREFIX}TASKS_URL memory:// keeps tasks in one process and is for tests only")
    if not settings["TASKS_NAME"]:
        raise ConfigurationError(f"{ENV_PREFIX}TASKS_NAME must not be empty")
