"""Schemathesis runs every check over the API's own OpenAPI document: no server error, no answer the document does
not describe, invalid data refused, an undocumented method answered 405 with Allow.

The run is deterministic (a fixed seed, derandomised) so that CI fails or passes the same way every time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from participation.blueprints.machines.api.openapi import openapi_document
from participation.config import DEFAULT_LANGUAGES
from tests.blueprints.machines.test_api import responses_stored

# Two operations: together at least the 500 cases the issue asks for.
MIN_CASES_PER_OPERATION = 250

CONFIG = {
    "seed": 20261201,
    "generation": {"mode": "all", "max-examples": 250, "deterministic": True},
    "operations": [
        {
            # The answers of a submission are checked against the survey's definition, which a generic document
            # cannot spell out, so a well-formed submission may still be refused with an error per question.
            "include-name": "POST /api/v1/surveys/{slug}/responses",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404", "422"]}},
        }
    ],
}
# The document as the app serves it with the default languages (a test asserts the two are the same).
schema = schemathesis.openapi.from_dict(
    openapi_document(list(DEFAULT_LANGUAGES)), config=SchemathesisConfig.from_dict(CONFIG)
)


@pytest.fixture
def cases() -> Iterator[list[str]]:
    """Every case one operation's run sends; at the end there must have been enough of them."""
    sent: list[str] = []
    yield sent
    assert len(sent) >= MIN_CASES_PER_OPERATION, f"only {len(sent)} cases were generated"


@schema.parametrize()
# One app (with the default content loaded) serves every generated case of an operation, as in production.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_the_api_keeps_to_its_openapi_document(case: schemathesis.Case, loaded_app: Flask, cases: list[str]) -> None:
    cases.append(case.operation.label)
    # The test client hands schemathesis the bytes as sent; compression is the transport's business, not the
    # document's, so the run asks for none.
    case.call_and_validate(app=loaded_app, headers={"Accept-Language": "en", "Accept-Encoding": "identity"})


def test_the_app_serves_the_document_the_run_checks(loaded_app: Flask) -> None:
    served = loaded_app.test_client().get("/api/v1/openapi.json").get_json()
    assert served == json.loads(json.dumps(openapi_document(list(DEFAULT_LANGUAGES))))


def test_the_example_of_the_document_is_stored(loaded_app: Flask) -> None:
    # The document's example submission is a complete response, so the run above reaches the storing path too.
    document = loaded_app.test_client().get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/api/v1/surveys/{slug}/responses"]["post"]
    example = operation["requestBody"]["content"]["application/json"]["example"]
    response = loaded_app.test_client().post("/api/v1/surveys/bewonersenquete/responses", json=example)
    assert response.status_code == 201, response.get_json()
    assert responses_stored(loaded_app) == 1
