"""The conversations a professional may see, as a CSV table for their own spreadsheets (the list page's columns)."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import format_datetime
from flask_babel import gettext as _

from participation.audit import record
from participation.models import Conversation, StaffUser
from participation.models.base import DbSession
from participation.printing.spreadsheets import Value, csv_bytes

# A time as spreadsheets sort and read it, in the configured zone (format_datetime converts, as on the pages).
SPREADSHEET_TIME = "yyyy-MM-dd HH:mm"


def conversation_rows(conversations: Sequence[Conversation]) -> list[list[Value]]:
    """The header and one row per conversation, with the time of day as it was on the street."""
    rows: list[list[Value]] = [[_("When"), _("Participation line"), _("Residents"), _("Organisation")]]
    rows += [
        [
            format_datetime(conversation.occurred_at, SPREADSHEET_TIME),
            str(conversation.line.label),
            conversation.participants,
            conversation.organisation.name,
        ]
        for conversation in conversations
    ]
    return rows


def conversations_csv(session: DbSession, conversations: Sequence[Conversation], actor: StaffUser) -> bytes:
    """The table as CSV; who took how many conversations out of the app is kept in the audit log."""
    record(session, "conversations.exported", actor=actor, format="csv", conversations=len(conversations))
    return csv_bytes(conversation_rows(conversations))
