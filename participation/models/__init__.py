"""Typed SQLAlchemy 2.0 models, one module per aggregate."""

from participation.models.areas import Buurt, FocusArea, Wijk
from participation.models.audit import AuditEvent
from participation.models.base import Base, utcnow
from participation.models.locations import LocationPrecision, StoredLocation
from participation.models.staff import Organisation, OrganisationKind, Role, StaffUser

__all__ = [
    "AuditEvent",
    "Base",
    "Buurt",
    "FocusArea",
    "LocationPrecision",
    "Organisation",
    "OrganisationKind",
    "Role",
    "StaffUser",
    "StoredLocation",
    "Wijk",
    "utcnow",
]
