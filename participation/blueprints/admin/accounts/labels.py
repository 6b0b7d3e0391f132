"""Readable names of the audit log's kinds of event, in the admin's language.

An action the list does not know (added later, or by a newer release) is shown as it is stored."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from participation.fieldwork.access import CONTACT_VIEWED
from participation.fieldwork.follow_ups import STATUS_CHANGED
from participation.fieldwork.purge import PURGED
from participation.fieldwork.volunteers import VOLUNTEER_REGISTERED
from participation.responses.drafts import DRAFTS_PURGED
from participation.themes.codebook import SYNCED

# i18n: kinds of event in the audit log, shown to administrators
AUDIT_EVENT_LABELS: dict[str, LazyString] = {
    "login.succeeded": _l("Signed in"),
    "login.failed": _l("Sign-in failed"),
    "login.refused_inactive": _l("Sign-in refused: account deactivated"),
    "logout": _l("Signed out"),
    "password.changed": _l("Password changed"),
    "staff_user.created": _l("Account created"),
    "staff_user.activated": _l("Account reactivated"),
    "staff_user.deactivated": _l("Account deactivated"),
    "staff_user.password_reset_forced": _l("New password required"),
    "organisation.created": _l("Organisation added to the register"),
    "organisation.updated": _l("Organisation changed in the register"),
    "contact.created": _l("Contact registered"),
    CONTACT_VIEWED: _l("Contact details viewed"),
    "contact.consent_added": _l("Consent recorded"),
    "contact.consent_withdrawn": _l("Consent withdrawn"),
    VOLUNTEER_REGISTERED: _l("Volunteer from a survey registered"),
    "contact.followed_up": _l("Volunteer marked as contacted"),
    STATUS_CHANGED: _l("Follow-up status changed"),
    "theme.created": _l("Theme created"),
    "theme.updated": _l("Theme changed"),
    "theme.merged": _l("Themes merged"),
    SYNCED: _l("Theme loaded from the codebook"),
    "theme_coding.accepted": _l("Theme suggestion accepted"),
    "theme_coding.rejected": _l("Theme suggestion rejected"),
    "theme_coding.added": _l("Theme added to an answer"),
    "theme_coding.double_coded": _l("Answer coded a second time"),
    "programme_input.created": _l("Programme input created"),
    "programme_input.updated": _l("Programme input changed"),
    "programme_input.status_changed": _l("Programme input status changed"),
    "programme_input.evidence_linked": _l("Evidence linked to programme input"),
    "programme_input.evidence_unlinked": _l("Evidence unlinked from programme input"),
    "survey_response.paper_entered": _l("Paper form entered"),
    "survey_response.erased": _l("Response erased at the resident's request"),
    PURGED: _l("Expired contacts deleted"),
    DRAFTS_PURGED: _l("Expired survey drafts deleted"),
    "answers.exported": _l("Survey answers exported"),
    "conversations.exported": _l("Conversation list exported"),
    "dashboard.exported": _l("Dashboard exported"),
    "map.exported": _l("Map exported"),
    "programme.exported": _l("Programme exported"),
    "report.exported": _l("Report exported"),
    "reach.exported": _l("Reach by campaign and channel exported"),
    "indicator_reference.set": _l("Reference value of an indicator set"),
    "indicator_target.set": _l("Indicator target set"),
    "indicator_target.deleted": _l("Indicator target removed"),
    "indicator_targets.imported": _l("Indicator targets imported"),
}


def event_label(action: str) -> str:
    """The readable name of a kind of event, or the stored action when it has none."""
    label = AUDIT_EVENT_LABELS.get(action)
    return str(label) if label is not None else action
