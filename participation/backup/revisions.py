"""How the database revision of a backup stands to the revision the code's migrations end at."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory

from participation.backup.errors import BackupError


class RevisionState(enum.Enum):
    CURRENT = "current"
    OLDER = "older"  # the schema is behind the code: ``flask db upgrade`` brings it up


@dataclass(frozen=True)
class RevisionCheck:
    revision: str
    code_revision: str
    state: RevisionState


def check_revision(migrations_dir: Path, revision: str) -> RevisionCheck:
    """Place ``revision`` against the code's migrations; refuse one they do not know, which a newer version of
    the app made (a restore would leave a schema this code cannot read, and a downgrade it cannot perform)."""
    script = ScriptDirectory(str(migrations_dir))
    heads = script.get_heads()
    known = {entry.revision for entry in script.walk_revisions()}
    code_revision = ", ".join(sorted(heads))
    if revision in heads:
        return RevisionCheck(revision, code_revision, RevisionState.CURRENT)
    if revision in known:
        return RevisionCheck(revision, code_revision, RevisionState.OLDER)
    raise BackupError("path", "newer_revision", revision=revision)
