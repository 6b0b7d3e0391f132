"""The OpenAPI 3.1 description of ``/api/v1``, built from the same names the views use."""

from __future__ import annotations

from typing import Any

from participation.surveys.model import QuestionType
from participation.surveys.places import BUURT_CODE, LIMITS, POSTCODE
from participation.web.errors import PROBLEM_JSON

MAX_IDEMPOTENCY_KEY = 64
# As the survey format writes slugs (participation/surveys/survey.schema.json).
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

_AREA = {
    "type": ["object", "null"],
    "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
    "required": ["code", "name"],
}
LOCATION_RESULT = {
    "type": ["object", "null"],
    "description": "Where the response was placed, in the shape of `flask geo locate`.",
    "properties": {
        "inside": {"type": "boolean"},
        "wijk": _AREA,
        "buurt": _AREA,
        "block": {"type": ["object", "null"], "properties": {"id": {"type": "string", "example": "E105600N423800"}}},
        "street": {"type": ["object", "null"], "properties": {"name": {"type": "string"}}},
        "focus_area": {"type": "boolean"},
    },
}
LOCATION_INPUT = {
    "oneOf": [
        {
            "type": "object",
            "properties": {
                "lat": {"type": "number", "minimum": -90, "maximum": 90},
                "lon": {"type": "number", "minimum": -180, "maximum": 180},
                "source": {"type": "string", "enum": ["gps", "map"], "default": "gps"},
                "exact_consent": {
                    "type": "boolean",
                    "default": False,
                    "description": "The resident lets the exact point be kept; otherwise only its 100 m block is.",
                },
            },
            "required": ["lat", "lon"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "postcode": {"type": "string", "pattern": POSTCODE.pattern, "example": "3317 AB"},
                "number": {"type": "integer", "minimum": 1, "maximum": 99_999},
                "addition": {"type": ["string", "null"], "maxLength": LIMITS["addition"]},
            },
            "required": ["postcode", "number"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "buurt": {"type": "string", "pattern": BUURT_CODE.pattern, "example": "BU05050300"},
                "street": {"type": ["string", "null"], "pattern": r"\S", "maxLength": LIMITS["street"]},
            },
            "required": ["buurt"],
            "additionalProperties": False,
        },
        {"type": "null"},
    ],
    "description": "A point (outside the municipality: 422 `outside`), an address, or a buurt from the list.",
}
ERROR = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "example": "required"},
        "params": {"type": "object"},
        "message": {"type": "string", "description": "Plain-language text in the requested language"},
    },
    "required": ["code", "params", "message"],
}
PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details; title and detail in the client's language (Accept-Language).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "With 422: one error per field (a question id, or lang, language, campaign, location)",
            "additionalProperties": ERROR,
        },
    },
    "required": ["type", "title", "status", "detail"],
}
SUBMITTED = "#/components/schemas/Submitted"
# A complete response to the default survey (surveys/bewonersenquete.yaml).
EXAMPLE_SUBMISSION = {
    "language": "nl",
    "answers": {
        "rating_neighbourhood": 8,
        "safe_day": 4,
        "safe_evening": 3,
        "contact_neighbours": 2,
        "trust_municipality": 3,
        "health": "good",
        "good_here": "De buren helpen elkaar.",
        "improve_first": "Meer groen op het plein.",
        "wants_involved": False,
        "age_group": "age_25_44",
        "household": "alone",
    },
    "location": {"buurt": "BU05050300", "street": None},
    "campaign": None,
}
# Texts may hold tab and line breaks but no other control character (the API refuses those with 400 or 422).
TEXT_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*$"


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _json(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema}}}}


def openapi_document(languages: list[str]) -> dict[str, Any]:
    language_schema = {"type": "string", "enum": list(languages)}
    slug = {
        "name": "slug",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 64, "example": "bewonersenquete"},
    }
    limited = _problem("Too many requests from this client")
    unavailable = _problem("The database cannot be reached; try again later")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Participation platform API",
            "version": "1",
            "description": "Read resident surveys and submit responses. Anonymous, rate-limited per client. "
            "Every error is a problem document (RFC 9457) in the language of Accept-Language.",
        },
        "paths": {
            "/api/v1/surveys/{slug}": {
                "get": {
                    "summary": "A survey's current definition in one language",
                    "parameters": [
                        slug,
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "description": "A language the survey does not offer gives its default language.",
                            "schema": language_schema,
                        },
                    ],
                    "responses": {
                        "200": _json("The definition", "#/components/schemas/Survey"),
                        "400": _problem("The address holds a control character"),
                        "404": _problem("No such survey"),
                        "422": _problem("A language this deployment does not offer (errors.lang)"),
                        "429": limited,
                        "503": unavailable,
                    },
                }
            },
            "/api/v1/surveys/{slug}/responses": {
                "post": {
                    "summary": "Submit one response",
                    "parameters": [
                        slug,
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "description": "The same key again returns the first response instead of storing a second.",
                            "schema": {"type": "string", "maxLength": MAX_IDEMPOTENCY_KEY},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "language": {"type": ["string", "null"], "enum": [*languages, None]},
                                        "answers": {
                                            "type": "object",
                                            "description": "question id -> value, checked against the survey's "
                                            "definition (422 with an error per question); value types per question "
                                            "type: " + ", ".join(kind.value for kind in QuestionType),
                                        },
                                        "location": LOCATION_INPUT,
                                        "campaign": {"type": ["string", "null"], "pattern": TEXT_PATTERN},
                                    },
                                    "required": ["answers"],
                                },
                                "example": EXAMPLE_SUBMISSION,
                            }
                        },
                    },
                    "responses": {
                        "201": _json("Stored", SUBMITTED),
                        "200": _json("Already stored under this Idempotency-Key: receipt is null", SUBMITTED),
                        "400": _problem("Not a JSON object with an answers object, or the Idempotency-Key is too long"),
                        "404": _problem("No such survey"),
                        "422": _problem("Refused: one error per question id (or language, campaign, location)"),
                        "429": limited,
                        "503": unavailable,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Survey": {
                    "type": "object",
                    "properties": {
                        "slug": {"type": "string"},
                        "version": {"type": "integer"},
                        "language": {"type": "string"},
                        "languages": {"type": "array", "items": {"type": "string"}},
                        "line": {"type": "string"},
                        "title": {"type": "string"},
                        "introduction": {"type": ["string", "null"]},
                        "pages": {"type": "array", "items": {"type": "object"}},
                    },
                    "required": ["slug", "version", "language", "languages", "line", "title", "pages"],
                },
                "Submitted": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "receipt": {
                            "type": ["string", "null"],
                            "description": "Shown once; lets the resident see or delete the response",
                        },
                        "location": LOCATION_RESULT,
                    },
                    "required": ["id", "receipt", "location"],
                },
                "Problem": PROBLEM,
            }
        },
    }
