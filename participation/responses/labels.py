"""Translated names of how a response came in: the kind of campaign that brought the resident, and the channel."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.models.surveys import CampaignKind

CAMPAIGN_KIND_LABELS = {
    # i18n: a kind of campaign that brought residents to a survey (a leaflet through the door)
    CampaignKind.FLYER: _l("Flyers"),
    # i18n: a kind of campaign: posters with a QR code at a place in the neighbourhood
    CampaignKind.QR_AT_PLACE: _l("QR posters"),
    CampaignKind.NEWSLETTER: _l("Newsletter"),
    # i18n: a kind of campaign: professionals ringing doorbells
    CampaignKind.DOOR_TO_DOOR: _l("Door to door"),
    CampaignKind.OTHER: _l("Other campaign"),
}

# Responses that came in without a campaign (the address typed or found on the website).
NO_CAMPAIGN = _l("No campaign")


def campaign_kind_label(kind: CampaignKind | str) -> str:
    return str(CAMPAIGN_KIND_LABELS[CampaignKind(kind)])
