"""Which draft this browser is filling in, per survey, kept in the signed session cookie."""

from __future__ import annotations

from flask import session

from participation.extensions import db
from participation.models import ResponseDraft
from participation.responses.drafts import draft_by_id

SESSION_KEY = "survey_drafts"
RECEIPTS_KEY = "survey_receipts"


def remember_draft(slug: str, draft: ResponseDraft) -> None:
    drafts = dict(session.get(SESSION_KEY, {}))
    drafts[slug] = draft.id
    session[SESSION_KEY] = drafts


def current_draft(slug: str) -> ResponseDraft | None:
    draft_id = session.get(SESSION_KEY, {}).get(slug)
    if not isinstance(draft_id, int):
        return None
    draft = draft_by_id(db.session, draft_id)
    if draft is None or draft.survey_version.survey.slug != slug:
        return None
    return draft


def forget_draft(slug: str) -> None:
    drafts = dict(session.get(SESSION_KEY, {}))
    drafts.pop(slug, None)
    session[SESSION_KEY] = drafts


def remember_receipt(slug: str, code: str) -> None:
    """Kept for the thank-you page only, so a reload there still shows it; never stored on the server."""
    receipts = dict(session.get(RECEIPTS_KEY, {}))
    receipts[slug] = code
    session[RECEIPTS_KEY] = receipts


def shown_receipt(slug: str) -> str | None:
    value = session.get(RECEIPTS_KEY, {}).get(slug)
    return value if isinstance(value, str) else None
