"""Why a backup or a restore was refused: a code for programs and one translated line for the person at the
terminal (English outside a request, like every ``CodedError``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

MESSAGES = {
    "unsupported_database": _l("Backups work with SQLite and PostgreSQL databases, not with %(dialect)s."),
    "unreachable": _l("Could not reach the database: %(detail)s"),
    "directory_missing": _l("The folder %(directory)s does not exist."),
    "path_is_directory": _l("%(path)s is a folder; give the name of a file."),
    "write_failed": _l("Could not write %(path)s: %(detail)s"),
    "file_missing": _l("There is no file %(path)s."),
    "not_a_backup": _l("%(path)s is not a backup made by flask backup create."),
    "wrong_kind": _l(
        "%(path)s is a backup of a %(found)s database and cannot be restored into this %(expected)s database."
    ),
    "unreadable": _l("%(path)s cannot be read as a backup: %(detail)s"),
    "tool_missing": _l(
        "%(tool)s is not on the PATH; install the PostgreSQL client programs (on Debian: postgresql-client)."
    ),
    "tool_version_unknown": _l("Could not tell the version of %(tool)s from: %(detail)s"),
    "tool_too_old": _l(
        "%(tool)s is version %(tool_version)s, older than the PostgreSQL server (%(server_version)s); "
        "put the client programs of version %(server_version)s or later on the PATH."
    ),
    "tool_failed": _l("%(tool)s failed: %(detail)s"),
    "sqlite_failed": _l("SQLite could not copy the database: %(detail)s"),
    "no_revision": _l(
        "%(path)s holds no database revision (no alembic_version table), so it is no backup of this app."
    ),
    "newer_revision": _l(
        "The backup is at database revision %(revision)s, which this version of the app does not know: it was made "
        "by a newer version. Restore it with that version; the database was not changed."
    ),
}


class BackupError(CodedError):
    """A backup or restore that cannot go ahead; ``field`` is ``path`` (the file) or ``database``."""

    MESSAGES = MESSAGES
