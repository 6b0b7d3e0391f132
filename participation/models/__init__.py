"""Typed SQLAlchemy 2.0 models, one module per aggregate."""

from participation.models.areas import Buurt, FocusArea, Wijk
from participation.models.audit import AuditEvent
from participation.models.background import EmergingThemeRun, PreparedReport
from participation.models.base import Base, utcnow
from participation.models.demo import DemoRecord
from participation.models.fieldwork import (
    Activity,
    ActivityKind,
    ConsentRecord,
    Contact,
    ContactKind,
    Conversation,
    ConversationSetting,
    FollowUpSignal,
    FollowUpStatus,
    Mood,
    Place,
    PlaceKind,
    SignalStatus,
)
from participation.models.locations import LocationPrecision, StoredLocation
from participation.models.programme import (
    IndicatorReference,
    IndicatorTarget,
    InputEvidence,
    InputStatus,
    PopulationCount,
    Priority,
    ProgrammeInput,
)
from participation.models.staff import Organisation, OrganisationKind, Role, StaffSession, StaffUser
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
from participation.models.tallies import IndicatorTally, ResponseTally
from participation.models.themes import CodingOrigin, CodingStatus, Pillar, SubjectType, Theme, ThemeCoding

__all__ = [
    "Activity",
    "ActivityKind",
    "Answer",
    "AuditEvent",
    "Base",
    "Buurt",
    "Campaign",
    "CampaignKind",
    "CodingOrigin",
    "CodingStatus",
    "ConsentRecord",
    "Contact",
    "ContactKind",
    "Conversation",
    "ConversationSetting",
    "DemoRecord",
    "EmergingThemeRun",
    "FocusArea",
    "FollowUpSignal",
    "FollowUpStatus",
    "IndicatorReference",
    "IndicatorTally",
    "IndicatorTarget",
    "InputEvidence",
    "InputStatus",
    "LocationPrecision",
    "Mood",
    "Organisation",
    "OrganisationKind",
    "Pillar",
    "Place",
    "PlaceKind",
    "PopulationCount",
    "PreparedReport",
    "Priority",
    "ProgrammeInput",
    "ResponseChannel",
    "ResponseDraft",
    "ResponseTally",
    "Role",
    "SignalStatus",
    "StaffSession",
    "StaffUser",
    "StoredLocation",
    "SubjectType",
    "Survey",
    "SurveyResponse",
    "SurveyVersion",
    "Theme",
    "ThemeCoding",
    "Wijk",
    "utcnow",
]
