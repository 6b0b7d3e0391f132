"""PostgreSQL backups through the client programs: ``pg_dump --format=custom`` and
``pg_restore --clean --if-exists --no-owner``, found on the PATH and no older than the server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from participation.backup.errors import BackupError
from participation.backup.files import written_atomically

VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")
# A table in ``pg_restore --list``: "215; 1259 16390 TABLE public survey postgres".
TABLE_ENTRY = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ", re.MULTILINE)


@dataclass(frozen=True)
class Server:
    """How the client programs reach the app's database: a libpq address without the password, which travels in
    the environment instead (command lines are visible to every user of the machine)."""

    address: str
    environment: dict[str, str]
    major_version: int

    @classmethod
    def of(cls, engine: sa.Engine) -> Server:
        url = engine.url
        environment = dict(os.environ)
        if url.password is not None:
            environment["PGPASSWORD"] = str(url.password)
        address = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
        try:
            with engine.connect() as connection:
                number = int(connection.exec_driver_sql("SHOW server_version_num").scalar_one())
        except sa.exc.OperationalError as error:
            raise BackupError("database", "unreachable", detail=_one_line(str(error.orig))) from error
        return cls(address, environment, number // 10_000)

    def tool(self, name: str) -> Tool:
        """The client program ``name`` from the PATH, refused when missing or older than the server."""
        path = shutil.which(name, path=self.environment.get("PATH"))
        if path is None:
            raise BackupError("database", "tool_missing", tool=name)
        shown = subprocess.run(  # noqa: S603 - a program from the PATH with fixed arguments
            [path, "--version"], capture_output=True, text=True, env=self.environment, check=False
        )
        found = VERSION.search(shown.stdout)
        if found is None:
            detail = _one_line(shown.stdout + shown.stderr)
            raise BackupError("database", "tool_version_unknown", tool=name, detail=detail)
        version = int(found.group(1))
        if version < self.major_version:
            raise BackupError(
                "database", "tool_too_old", tool=name, tool_version=version, server_version=self.major_version
            )
        return Tool(name, path, self.environment)


@dataclass(frozen=True)
class Tool:
    name: str
    path: str
    environment: dict[str, str]

    def run(self, arguments: Sequence[str], field: str = "database", code: str = "tool_failed", **params: str) -> str:
        """Run the program and return what it printed; its error message becomes one line of a ``BackupError``."""
        completed = subprocess.run(  # noqa: S603 - our own arguments, no shell
            [self.path, *arguments], capture_output=True, text=True, env=self.environment, check=False
        )
        if completed.returncode != 0:
            detail = _one_line(completed.stderr).removeprefix(f"{self.name}: ").removeprefix("error: ")
            raise BackupError(field, code, tool=self.name, detail=detail, **params)
        return completed.stdout


@dataclass(frozen=True)
class Archive:
    """What a restore needs to know of a custom-format archive before it touches the database."""

    tables: frozenset[tuple[str, str]]  # (schema, table)
    revision: str | None


def back_up(engine: sa.Engine, target: Path) -> None:
    server = Server.of(engine)
    pg_dump = server.tool("pg_dump")
    with written_atomically(target) as temporary:
        pg_dump.run(["--format=custom", "--no-password", f"--file={temporary}", f"--dbname={server.address}"])


def read_archive(pg_restore: Tool, path: Path) -> Archive:
    """List the archive's tables and read its Alembic revision; this reads the file only, not the database."""
    listing = pg_restore.run(["--list", str(path)], field="path", code="unreadable", path=str(path))
    data = pg_restore.run(
        ["--data-only", "--table=alembic_version", "--file=-", str(path)],
        field="path",
        code="unreadable",
        path=str(path),
    )
    tables = frozenset((schema, table) for schema, table in TABLE_ENTRY.findall(listing))
    return Archive(tables, _copied_revision(data))


def restore(
    engine: sa.Engine, server: Server, pg_restore: Tool, path: Path, archive: Archive, model_tables: Collection[str]
) -> None:
    """Replace the database with the archive in one transaction: it is restored whole or not at all."""
    _drop_tables_missing_from(engine, archive, model_tables)
    engine.dispose()  # no connection of ours may hold a lock on a table the restore drops
    pg_restore.run(
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={server.address}",
            str(path),
        ]
    )


def _drop_tables_missing_from(engine: sa.Engine, archive: Archive, model_tables: Collection[str]) -> None:
    """Drop the app's tables the archive lacks: a newer schema's tables, left beside an older backup, would make
    the advised ``flask db upgrade`` fail when it creates them. Tables the app does not know are left alone."""
    inspector = sa.inspect(engine)
    schema = inspector.default_schema_name or "public"
    extra = [
        name for name in inspector.get_table_names() if name in model_tables and (schema, name) not in archive.tables
    ]
    if not extra:
        return
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as connection:
        for name in extra:
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(name)} CASCADE")


def _copied_revision(script: str) -> str | None:
    """The first row of the alembic_version COPY block of a pg_restore script."""
    lines = iter(script.splitlines())
    for line in lines:
        if line.startswith("COPY ") and "alembic_version" in line:
            row = next(lines, "\\.")
            return None if row == "\\." else row.split("\t")[0]
    return None


def _one_line(text: str) -> str:
    """The line of a client program's output that says what went wrong."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if "error:" in line:
            return line
    return lines[0] if lines else "no message"
