"""One survey page as a form: what the resident sent, which answers are valid, and what to show next to each
field. Parsing and validation are the survey domain's; this only applies them to one page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup, escape

from participation.geo import Geocoder, InvalidCoordinates
from participation.geo.app_geocoder import buurten_focus_first, current_geocoder, location_choices
from participation.responses.places import resolve_location
from participation.surveys.answers import FormData, is_unanswered, parse_form, validate_answer
from participation.surveys.errors import AnswerError
from participation.surveys.labels import AGREEMENT_LABELS, OTHER_LABEL, YES_NO_LABELS
from participation.surveys.model import Page, Question, QuestionType, SurveyDefinition
from participation.web.templating import isolate


class PageForm:
    """The questions of one page with their current values and, after ``read``, their errors."""

    def __init__(self, definition: SurveyDefinition, page: Page, saved: Mapping[str, Any]) -> None:
        self.definition = definition
        self.page = page
        self.values: dict[str, Any] = dict(saved)
        self.errors: dict[str, AnswerError] = {}
        self.valid_answers: dict[str, Any] = {}
        self.cleared: frozenset[str] = frozenset()

    def visible_questions(self) -> list[Question]:
        # One walk through the survey for the page, not one per question on it.
        shown = self.definition.walk(self.values).questions
        return [question for question in self.page.questions if question.id in shown]

    def read(self, form: FormData, geocoder: Geocoder | None = None) -> None:
        """Take the posted answers; keep the valid ones, and an error for each refused or missing one."""
        posted = parse_form(self.page, form)
        on_page = {question.id for question in self.page.questions}
        self.values = {key: value for key, value in self.values.items() if key not in on_page} | posted
        for question in self.visible_questions():
            value = posted.get(question.id)
            problem = validate_answer(question, value)
            if problem is None and question.type is QuestionType.LOCATION and not is_unanswered(value):
                located = resolve_location(geocoder or current_geocoder(), value)
                problem = located if isinstance(located, AnswerError) else None
            if problem is not None:
                self.errors[question.id] = problem
            elif value is not None:
                self.valid_answers[question.id] = value
        self.cleared = frozenset(on_page - set(self.valid_answers))

    def value(self, question: Question) -> Any:
        return self.values.get(question.id)


def question_options(question: Question, language: str) -> list[tuple[str, str]]:
    """The (value, label) pairs a choice-like question offers, labels in the resident's language."""
    if question.type is QuestionType.RATING:
        return [(str(number), str(number)) for number in range(1, 11)]
    if question.type is QuestionType.AGREEMENT:
        return [(str(number), str(label)) for number, label in AGREEMENT_LABELS.items()]
    if question.type is QuestionType.YES_NO:
        return [("yes", str(YES_NO_LABELS[True])), ("no", str(YES_NO_LABELS[False]))]
    return [(choice.value, choice.label.get(language)) for choice in question.choices]


def page_context(definition: SurveyDefinition, page: Page) -> dict[str, Any]:
    has_location = any(question.type is QuestionType.LOCATION for question in page.questions)
    context: dict[str, Any] = {
        "question_options": question_options,
        "agreement_labels": AGREEMENT_LABELS,
        "yes_no_labels": YES_NO_LABELS,
        "other_label": OTHER_LABEL,
        "has_location": has_location,
        "tile_url": current_app.config["TILE_URL"],
        "tile_attribution": current_app.config["TILE_ATTRIBUTION"],
    }
    if has_location:
        geocoder = current_geocoder()
        focus, others = buurten_focus_first(geocoder)
        context.update(location_choices(geocoder))
        context["focus_codes"] = sorted(geocoder.focus_codes)
        context["buurt_groups"] = [
            (current_app.config["FOCUS_AREA_NAME"], focus),
            (_("Other neighbourhoods"), others),
        ]
    return context


def place_chosen_text(buurt: str, street: str | None) -> Markup:
    """What the page says after a tap: the buurt, and the street when the register knows it."""
    # The message is escaped before the names go in, so a translation cannot bring markup either.
    if street:
        message = escape(_("Chosen: %(street)s in %(buurt)s. You can tap again to change it."))
        return message % {"street": isolate(street), "buurt": isolate(buurt)}
    return escape(_("Chosen: %(buurt)s. You can tap again to change it.")) % {"buurt": isolate(buurt)}


def answer_text(question: Question, value: Any, language: str) -> str | Markup:
    """An answer as plain text for the check page and the receipt (escaped by the template, like all answers);
    a place is Markup, its names escaped and isolated for right-to-left pages."""
    if is_unanswered(value):
        return str(_("Not answered"))
    labels = dict(question_options(question, language))
    if question.type is QuestionType.SINGLE_CHOICE:
        return f"{OTHER_LABEL} {value['other']}" if isinstance(value, dict) else labels.get(str(value), str(value))
    if question.type is QuestionType.MULTIPLE_CHOICE:
        chosen = value.get("choices", []) if isinstance(value, dict) else value
        texts = [labels.get(str(item), str(item)) for item in chosen]
        if isinstance(value, dict) and value.get("other"):
            texts.append(f"{OTHER_LABEL} {value['other']}")
        return ", ".join(texts)
    if question.type is QuestionType.YES_NO:
        return labels["yes" if value else "no"]
    if question.type in (QuestionType.RATING, QuestionType.AGREEMENT):
        return labels.get(str(value), str(value))
    if question.type is QuestionType.CONTACT_CONSENT:
        if not value.get("consent"):
            return str(_("No, thank you"))
        details = [value[key] for key in ("name", "email", "phone") if value.get(key)]
        return ", ".join([str(_("Yes, you may contact me about this")), *details])
    if question.type is QuestionType.LOCATION:
        return _location_text(value)
    return str(value)


def _location_text(value: Mapping[str, Any]) -> str | Markup:
    if value.get("skipped"):
        return str(_("I would rather not say where"))
    if "lat" in value:
        try:
            located = current_geocoder().locate(float(value["lat"]), float(value["lon"]))
        except (TypeError, ValueError, InvalidCoordinates):
            located = None
        if located is None or located.buurt is None:
            return str(_("A place on the map"))
        parts = [located.street, located.buurt.name]
        place = isolate(", ".join(part for part in parts if part))
        return escape(_("A place on the map: %(place)s")) % {"place": place}
    if "postcode" in value:
        return " ".join(
            str(part) for part in (value.get("postcode"), value.get("number"), value.get("addition")) if part
        )
    geocoder = current_geocoder()
    names = {buurt.code: buurt.name for buurt in geocoder.boundaries.buurten}
    parts = [value.get("street"), names.get(str(value.get("buurt")), value.get("buurt"))]
    return isolate(", ".join(str(part) for part in parts if part))
