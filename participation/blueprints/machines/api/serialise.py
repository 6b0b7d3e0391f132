"""Survey definitions and locations as the API's JSON, in one language."""

from __future__ import annotations

from typing import Any

from participation.geo import Geocoder
from participation.models import StoredLocation
from participation.surveys.labels import AGREEMENT_LABELS, YES_NO_LABELS
from participation.surveys.model import Question, QuestionType, SurveyDefinition, Texts


def _text(texts: Texts | None, language: str) -> str | None:
    return texts.get(language) if texts is not None else None


def question_json(question: Question, language: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type.value,
        "text": question.text.get(language),
        "help": _text(question.help, language),
        "required": question.required,
    }
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        data["choices"] = [{"value": choice.value, "label": choice.label.get(language)} for choice in question.choices]
        data["other_option"] = question.other_option
    elif question.type is QuestionType.AGREEMENT:
        data["choices"] = [{"value": value, "label": str(label)} for value, label in AGREEMENT_LABELS.items()]
    elif question.type is QuestionType.YES_NO:
        data["choices"] = [{"value": value, "label": str(label)} for value, label in YES_NO_LABELS.items()]
    elif question.type is QuestionType.RATING:
        data["minimum"], data["maximum"] = 1, 10
    elif question.type is QuestionType.NUMBER:
        data["minimum"], data["maximum"], data["decimals"] = question.minimum, question.maximum, question.decimals
    if question.max_length is not None:
        data["max_length"] = question.max_length
    if question.show_if is not None:
        data["show_if"] = question.show_if.to_dict()
    return data


def definition_json(definition: SurveyDefinition, version_number: int, language: str) -> dict[str, Any]:
    return {
        "slug": definition.slug,
        "version": version_number,
        "language": language,
        "languages": list(definition.languages),
        "line": definition.line.value,
        "title": definition.title.get(language),
        "introduction": _text(definition.introduction, language),
        "pages": [
            {
                "id": page.id,
                "title": page.title.get(language),
                "show_if": page.show_if.to_dict() if page.show_if is not None else None,
                "questions": [question_json(question, language) for question in page.questions],
            }
            for page in definition.pages
        ],
    }


def location_json(location: StoredLocation | None, geocoder: Geocoder) -> dict[str, Any] | None:
    """A stored location in the shape of ``flask geo locate``; names come from the boundaries of its year."""
    if location is None:
        return None
    buurt = next((buurt for buurt in geocoder.boundaries.buurten if buurt.code == location.buurt_code), None)
    wijk = geocoder.boundaries.wijk_of(buurt) if buurt is not None else None
    return {
        "inside": location.inside,
        "wijk": {"code": wijk.code, "name": wijk.name} if wijk else None,
        "buurt": {"code": buurt.code, "name": buurt.name} if buurt else None,
        "block": {"id": location.block_id} if location.block_id else None,
        "street": {"name": location.street_name} if location.street_name else None,
        "focus_area": location.in_focus_area,
    }
