"""The OpenAPI document: schemathesis finds no server error and no answer that breaks it;
the docs page loads nothing from outside the server."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from api_support import Keys, auth
from apiflask import APIFlask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

pytestmark = pytest.mark.postgis

EXAMPLES_PER_OPERATION = 30
# Every check runs but one: "schema-valid data is accepted" cannot hold where the standard's
# rules go beyond the document (a 19-digit string that is not an issued code is a 400, by design).


def _check_operation(operation: Any, token: str) -> str | None:
    """Run generated cases of one operation; the first failure, shrunk, or None."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=auth(token), excluded_checks=[positive_data_acceptance])

    try:
        run()
    except Exception as exc:  # a failed check: report it with the operation's name
        return f"{operation.label}: {exc}"
    return None


def test_every_operation_conforms_to_the_document(app: APIFlask, keys: Keys) -> None:
    # schemathesis' pytest plugin does not run under pytest 9, so the cases run from here.
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures = [f for f in (_check_operation(op, keys.admin) for op in operations) if f]
    assert failures == []


def test_the_docs_page_references_only_local_files(client: FlaskClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.get_data(as_text=True))
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_document_lists_every_endpoint_with_problem_errors(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()
    assert {
        "/v1/resolve",
        "/v1/autocomplete",
        "/v1/buildings/{code}",
        "/v1/rooms/{code}",
        "/v1/reverse",
        "/v1/units",
        "/v1/units/{code}",
        "/v1/buildings",
        "/v1/departments/{department}/records/{record_id}",
        "/v1/departments/{department}/records",
        "/v1/changes",
    } <= set(document["paths"])
    errors = document["paths"]["/v1/resolve"]["post"]["responses"]
    assert {"400", "401", "403", "413", "429"} <= set(errors)
    assert list(errors["401"]["content"]) == ["application/problem+json"]
