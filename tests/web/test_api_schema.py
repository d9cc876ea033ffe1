"""The JSON API against its own OpenAPI description, over real HTTP: schemathesis generates
requests for every operation (valid ones, and invalid ones it must refuse) and checks that
no answer is a 5xx, every status code is documented, every body matches its schema and
the content types are the ones described. Skipped when schemathesis is not installed."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from babelwire.web.openapi import PATHS  # noqa: E402

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, negative_data_rejection]


OPERATIONS = sorted(operation["get"]["operationId"] for operation in PATHS.values())
# an operation without parameters has no invalid request to make
WITH_PARAMETERS = sorted(operation["get"]["operationId"] for operation in PATHS.values()
                         if operation["get"]["parameters"])
CASES = [(name, GenerationMode.POSITIVE) for name in OPERATIONS] + \
    [(name, GenerationMode.NEGATIVE) for name in WITH_PARAMETERS]


@pytest.fixture(scope="module")
def api_schema(server):
    return schemathesis.openapi.from_url(f"{server.url.rstrip('/')}/api/openapi.json")


@pytest.mark.parametrize("operation_id,mode", CASES,
                         ids=[f"{name}-{mode.value}" for name, mode in CASES])
def test_every_operation_matches_the_description(api_schema, server, operation_id, mode):
    operation = api_schema.find_operation_by_id(operation_id)
    base_url = server.url.rstrip("/")

    @given(operation.as_strategy(generation_mode=mode))
    @settings(max_examples=30, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def exchange(case):
        case.call_and_validate(base_url=base_url, checks=CHECKS)

    exchange()


def test_every_operation_has_an_operation_id(client):
    spec = client.get("/api/openapi.json").json()
    ids = [operation.get("operationId") for path in spec["paths"].values()
           for operation in path.values()]
    assert all(ids) and len(ids) == len(set(ids)) == len(PATHS) >= 10


def test_direct_translation_pivot_is_null_and_described_so(client, store):
    spec = client.get("/api/openapi.json").json()
    pivot = spec["components"]["schemas"]["Translation"]["properties"]["pivot"]
    assert "null" in pivot["type"]
    article = client.get(f"/api/articles/{store.ids['es']}").json()
    assert article["translations"]["fr"]["pivot"] is None  # es -> fr stored with no pivot
