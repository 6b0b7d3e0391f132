"""The OpenAPI 3.1 description of ``/api/v1``, built from the same names the views use."""

from __future__ import annotations

from typing import Any

from participation.surveys.model import QuestionType

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
                "lat": {"type": "number"},
                "lon": {"type": "number"},
                "source": {"type": "string", "enum": ["gps", "map"], "default": "gps"},
                "exact_consent": {
                    "type": "boolean",
                    "default": False,
                    "description": "The resident lets the exact point be kept; otherwise only its 100 m block is.",
                },
            },
            "required": ["lat", "lon"],
        },
        {
            "type": "object",
            "properties": {
                "postcode": {"type": "string", "example": "3317 AB"},
                "number": {"type": "integer"},
                "addition": {"type": ["string", "null"]},
            },
            "required": ["postcode", "number"],
        },
        {
            "type": "object",
            "properties": {
                "buurt": {"type": "string", "example": "BU05050300"},
                "street": {"type": ["string", "null"]},
            },
            "required": ["buurt"],
        },
        {"type": "null"},
    ]
}
ERROR = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "example": "required"},
        "params": {"type": "object"},
        "message": {"type": "string", "description": "Plain-language text in the requested language"},
    },
}


def openapi_document(languages: list[str]) -> dict[str, Any]:
    language_schema = {"type": "string", "enum": list(languages)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Participation platform API",
            "version": "1",
            "description": "Read resident surveys and submit responses. Anonymous, rate-limited per client.",
        },
        "paths": {
            "/api/v1/surveys/{slug}": {
                "get": {
                    "summary": "A survey's current definition in one language",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "lang", "in": "query", "required": False, "schema": language_schema},
                    ],
                    "responses": {
                        "200": {
                            "description": "The definition",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Survey"}}},
                        },
                        "404": {"description": "No such survey"},
                        "429": {"description": "Too many requests from this client"},
                    },
                }
            },
            "/api/v1/surveys/{slug}/responses": {
                "post": {
                    "summary": "Submit one response",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "description": "The same key again returns the first response instead of storing a second.",
                            "schema": {"type": "string", "maxLength": 64},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "language": language_schema,
                                        "answers": {
                                            "type": "object",
                                            "description": "question id -> value; value types per question type: "
                                            + ", ".join(kind.value for kind in QuestionType),
                                        },
                                        "location": LOCATION_INPUT,
                                        "campaign": {"type": ["string", "null"]},
                                    },
                                    "required": ["answers"],
                                }
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Stored",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Submitted"}}},
                        },
                        "200": {"description": "Already stored under this Idempotency-Key; receipt is null"},
                        "400": {"description": "Not a JSON object"},
                        "404": {"description": "No such survey"},
                        "422": {
                            "description": "Answers refused, one error per question id",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {"errors": {"type": "object", "additionalProperties": ERROR}},
                                    }
                                }
                            },
                        },
                        "429": {"description": "Too many requests from this client"},
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
                        "title": {"type": "string"},
                        "pages": {"type": "array", "items": {"type": "object"}},
                    },
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
            }
        },
    }
