"""Typed SQLAlchemy 2.0 models, one module per aggregate."""

from participation.models.areas import Buurt, FocusArea, Wijk
from participation.models.audit import AuditEvent
from participation.models.base import Base, utcnow
from participation.models.locations import LocationPrecision, StoredLocation
from participation.models.staff import Organisation, OrganisationKind, Role, StaffUser
from participation.models.surveys import (
    Answer,
    Campaign,
    CampaignKind,
    ResponseChannel,
    ResponseDraft,
    Survey,
    SurveyResponse,
    SurveyVersion,
)

__all__ = [
    "Answer",
    "AuditEvent",
    "Base",
    "Buurt",
    "Campaign",
    "CampaignKind",
    "FocusArea",
    "LocationPrecision",
    "Organisation",
    "OrganisationKind",
    "ResponseChannel",
    "ResponseDraft",
    "Role",
    "StaffUser",
    "StoredLocation",
    "Survey",
    "SurveyResponse",
    "SurveyVersion",
    "Wijk",
    "utcnow",
]
