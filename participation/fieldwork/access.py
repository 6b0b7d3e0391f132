"""Who may see and change which field-work record.

Professionals read the records of their own organisation and change the ones they made themselves for seven days;
of other organisations they see counts only. Analysts and admins read everything; admins may also correct any
record. Contact details (name, e-mail, phone, notes) are read by analysts and admins only, and every read of them
is written to the audit log. Conversations follow the same rules, so this module knows nothing of one model's
pages: it works on anything with an ``organisation_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import InstrumentedAttribute

from participation.audit import record
from participation.models import Activity, Contact, Conversation, Organisation, Place, Role, StaffUser
from participation.models.base import DbSession, utcnow

# How long the author may still change a record after making it: long enough to fix a typo the next working days,
# short enough that what the bureau has analysed stops moving.
EDIT_WINDOW = timedelta(days=7)

CONTACT_VIEWED = "contact.viewed"

Authored = Place | Activity | Conversation
# A contact may belong to no organisation (a resident who offered in a survey); the other records always have one.
OrganisationColumn = InstrumentedAttribute[int] | InstrumentedAttribute[int | None]


class AccessDenied(Exception):
    """The staff member may not see or change this record; a page answers 403."""


def sees_all(user: StaffUser) -> bool:
    """Analysts and admins read the records of every organisation."""
    return user.has_role(Role.ANALYST)


def may_see_contact_details(user: StaffUser) -> bool:
    """Only analysts and admins may read a contact's name, e-mail, phone and notes."""
    return user.has_role(Role.ANALYST)


def visible_to(user: StaffUser, organisation_column: OrganisationColumn) -> ColumnElement[bool]:
    """A WHERE clause for a list query: everything for analysts, the own organisation's rows for professionals.

    Use it as ``select(Place).where(visible_to(user, Place.organisation_id))``.
    """
    if sees_all(user):
        return true()
    return organisation_column == user.organisation_id


def can_read(user: StaffUser, item: Authored | Contact) -> bool:
    """Whether ``user`` may open this record (a contact's details need ``may_see_contact_details`` as well).

    A contact without an organisation (a resident who offered in a survey) belongs to the programme: every
    professional of the focus area may list it and follow it up."""
    if isinstance(item, Contact) and item.organisation_id is None:
        return True
    return sees_all(user) or item.organisation_id == user.organisation_id


def author_id_of(item: Authored) -> int | None:
    """Who made the record: places name it ``created_by_id``, activities and conversations ``author_id``."""
    return item.created_by_id if isinstance(item, Place) else item.author_id


def can_edit(user: StaffUser, item: Authored, *, now: datetime | None = None) -> bool:
    """Admins may correct any record; anyone else only their own, within ``EDIT_WINDOW`` of making it."""
    if user.has_role(Role.ADMIN):
        return True
    if author_id_of(item) != user.id or item.organisation_id != user.organisation_id:
        return False
    return (now or utcnow()) - item.created_at <= EDIT_WINDOW


def require_read(user: StaffUser, item: Authored | Contact) -> None:
    """Raise ``AccessDenied`` unless ``user`` may open the record."""
    if not can_read(user, item):
        raise AccessDenied


def require_edit(user: StaffUser, item: Authored, *, now: datetime | None = None) -> None:
    """Raise ``AccessDenied`` unless ``user`` may change the record now."""
    if not can_edit(user, item, now=now):
        raise AccessDenied


@dataclass(frozen=True)
class OrganisationCount:
    """How many records one organisation has: the only thing professionals learn of other organisations."""

    organisation: str
    count: int


def counts_by_organisation(
    session: DbSession, organisation_column: OrganisationColumn, *criteria: ColumnElement[bool]
) -> list[OrganisationCount]:
    """Records per organisation, for any field-work table: ``counts_by_organisation(session, Place.organisation_id)``.

    Extra ``criteria`` narrow the count (e.g. a date range); organisations without records are left out.
    """
    rows = session.execute(
        select(Organisation.name, func.count())
        .select_from(organisation_column.class_)
        .join(Organisation, Organisation.id == organisation_column)
        .where(*criteria)
        .group_by(Organisation.name)
        .order_by(Organisation.name)
    ).all()
    return [OrganisationCount(name, count) for name, count in rows]


@dataclass(frozen=True)
class ContactDetails:
    """What identifies a contact and how to reach them: shown on one page, audited at every read."""

    name: str
    email: str
    phone: str
    notes: str


def read_contact_details(
    session: DbSession, user: StaffUser, contact: Contact, *, purpose: str = "detail_page", **details: Any
) -> ContactDetails:
    """The contact's details for an analyst or admin; writes a ``contact.viewed`` audit event for this very read.

    The event (who, when, which contact, why) is flushed in the caller's transaction, so a view that shows the
    details commits the event together with nothing else; a professional gets ``AccessDenied`` and nothing is read.
    """
    if not may_see_contact_details(user):
        raise AccessDenied
    record(session, CONTACT_VIEWED, actor=user, subject=contact, purpose=purpose, **details)
    session.flush()
    return ContactDetails(name=contact.name, email=contact.email, phone=contact.phone, notes=contact.notes)
