"""Translated names of the field-work choices."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.models import ActivityKind, ContactKind, FollowUpStatus, PlaceKind

PLACE_KIND_LABELS = {
    PlaceKind.COMMUNITY_CENTRE: _l("Community centre"),
    PlaceKind.PLACE_OF_WORSHIP: _l("Place of worship"),
    PlaceKind.SCHOOL: _l("School"),
    PlaceKind.MARKET: _l("Market"),
    PlaceKind.SPORTS_CLUB: _l("Sports club"),
    PlaceKind.SHOP: _l("Shop"),
    PlaceKind.PLAYGROUND: _l("Playground"),
    PlaceKind.OTHER: _l("Other"),
}

ACTIVITY_KIND_LABELS = {
    ActivityKind.MEETING: _l("Meeting"),
    ActivityKind.SESSION: _l("Session"),
    ActivityKind.NEIGHBOURHOOD_WALK: _l("Neighbourhood walk"),
    ActivityKind.OTHER: _l("Other"),
}

CONTACT_KIND_LABELS = {
    ContactKind.ACTIVE_RESIDENT: _l("Active resident"),
    ContactKind.KEY_ORGANISATION: _l("Key organisation"),
}

FOLLOW_UP_LABELS = {
    # i18n: follow-up status of a resident who offered in a survey to take part: nobody has been in touch yet.
    FollowUpStatus.NEW: _l("New"),
    # i18n: follow-up status of a resident who offered in a survey to take part: someone got in touch.
    FollowUpStatus.CONTACTED: _l("Contacted"),
}
