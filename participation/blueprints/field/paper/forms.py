"""Reading a paper form that a staff member types in: every page of the survey on one screen, checked page by page
with the resident flow's ``PageForm``, plus the form's language, campaign and submission key."""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask_babel import lazy_gettext as _l

from participation.blueprints.residents.survey.context import PageForm, page_context
from participation.domain.coded_errors import CodedError
from participation.geo import Geocoder
from participation.models import Campaign, Survey
from participation.surveys.answers import FormData
from participation.surveys.model import Question, SurveyDefinition

# Field names of the entry itself. Question ids start with a letter, so a leading underscore cannot clash.
LANGUAGE_FIELD = "_language"
CAMPAIGN_FIELD = "_campaign"
KEY_FIELD = "_key"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,50}$")


class PaperEntryError(CodedError):
    """A refused meta field of the entry (its key, language or campaign), named by the field."""

    MESSAGES = {
        "unreadable": _l("This form could not be read. Please enter it again."),
        "no_language": _l("Choose the language of the paper form."),
        "no_campaign": _l("Choose one of the campaigns."),
    }


def new_entry_key() -> str:
    """A fresh key for one empty form; a second submit of the same form carries it again and stores nothing new."""
    return secrets.token_urlsafe(24)


def submission_key(entry_key: str) -> str:
    """The response's submission key: prefixed, so that it can never meet a draft's or an API client's key."""
    return f"paper-{entry_key}"


class PaperEntry:
    """One paper form as typed in: answers of all pages and the form's meta fields, with the refusals of both by
    field (a question id, or one of the meta fields, whose names cannot clash with a question's)."""

    def __init__(self, definition: SurveyDefinition, survey: Survey, *, language: str, campaign: str = "") -> None:
        self.definition = definition
        self.survey = survey
        self.language = language
        self.campaign_name = campaign
        self.key = new_entry_key()
        self.values: dict[str, Any] = {}
        self.errors: dict[str, CodedError] = {}
        self.valid_answers: dict[str, Any] = {}

    def value(self, question: Question) -> Any:
        """The value to show in a question's field (the macros of the resident flow call this)."""
        return self.values.get(question.id)

    @property
    def campaign(self) -> Campaign | None:
        return next((known for known in self.survey.campaigns if known.name == self.campaign_name), None)

    def read(self, form: FormData, geocoder: Geocoder) -> None:
        """Take the posted form: the meta fields, then every page in order, as the resident flow checks them.

        Pages are read in order so that skip logic sees the answers before it, as it would online; answers to
        questions the form's own answers skip are left out by ``submit``.
        """
        self.language = _first(form, LANGUAGE_FIELD)
        self.campaign_name = _first(form, CAMPAIGN_FIELD)
        posted_key = _first(form, KEY_FIELD)
        if KEY_PATTERN.match(posted_key):
            self.key = posted_key
        else:
            self.refuse(PaperEntryError(KEY_FIELD, "unreadable"))
        if self.language not in self.definition.languages:
            self.refuse(PaperEntryError(LANGUAGE_FIELD, "no_language"))
        if self.campaign_name and self.campaign is None:
            self.refuse(PaperEntryError(CAMPAIGN_FIELD, "no_campaign"))
        values: dict[str, Any] = {}
        for page in self.definition.pages:
            page_form = PageForm(self.definition, page, values)
            page_form.read(form, geocoder)
            values = page_form.values
            self.errors.update(page_form.errors)
            self.valid_answers.update(page_form.valid_answers)
        self.values = values

    def refuse(self, error: CodedError) -> None:
        """Put each part of a refusal next to its field: a meta field's, or what ``submit`` found (a check across
        pages the per-page reading could not make)."""
        for refusal in error.refusals:
            self.errors[refusal.field] = refusal

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


def _first(form: FormData, name: str) -> str:
    values = form.getlist(name)
    return values[0].strip() if values else ""


def entry_context(definition: SurveyDefinition) -> dict[str, Any]:
    """What the question macros need for every page at once: option labels, and the lists a location offers."""
    context: dict[str, Any] = {}
    for page in definition.pages:
        found = page_context(definition, page)
        # The location lists come only from pages that have a location question; keep them once found.
        context.update({key: value for key, value in found.items() if key not in context or value})
    return context
