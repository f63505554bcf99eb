"""The OpenAPI document drives these tests: it matches the routes, and every operation it lists
answers valid and invalid input with a documented status and never a 5xx.

Two passes over the document: a deterministic walk (valid call, each parameter made invalid in
typical ways, bad ids, missing/garbage/revoked tokens, another programme's token) and a bounded
schemathesis run that generates further valid and invalid requests and checks every answer
against the document's schemas.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sqlalchemy import select

from omtracker.api import openapi, openapi_path
from omtracker.api.spec import METRIC_SCOPES
from omtracker.extensions import db
from omtracker.models import ApiToken, HarvestedOutcome, MonthlyReport
from omtracker.models.base import utcnow
from omtracker.periods import is_period
from tests.api_support import bearer, make_token, user

DOCUMENT = openapi.document()
OPERATIONS = [(path, item["get"]) for path, item in DOCUMENT["paths"].items()]
OPERATION_IDS = [op["operationId"] for _, op in OPERATIONS]

BAD_VALUES = {
    "integer": ["abc", "1.5", "-1", "0", "99999999999999999999", "", "1e3", "0x10"],
    "boolean": ["maybe", "2", ""],
    "enum": ["nonsense", "", "HARDWARE"],
    "period": ["2026-13", "2026-00", "26-01", "2026-1", "abcd-ef", "", "2026-10-01"],
}


def bad_values(schema: dict[str, Any]) -> list[str]:
    if "enum" in schema:
        return BAD_VALUES["enum"]
    if "pattern" in schema:
        return BAD_VALUES["period"]
    if schema["type"] == "string":
        return ["x" * (schema.get("maxLength", 20) + 1)]
    return BAD_VALUES[schema["type"]]


@pytest.fixture
def published(world) -> str:
    snapshot = {"title": "oktober"}
    body = json.dumps(snapshot, sort_keys=True).encode()
    db.session.add(
        MonthlyReport(
            programme_id=world.programme_id,
            period="2026-10",
            published_by_id=user("regisseur").id,
            snapshot=snapshot,
            snapshot_sha256=hashlib.sha256(body).hexdigest(),
        )
    )
    db.session.commit()
    return "2026-10"


@pytest.fixture
def harvested(world) -> int:
    outcome = HarvestedOutcome(
        programme_id=world.programme_id,
        theme_id=world.theme1_id,
        partner_id=world.partner_ids["club"],
        change="De club opent een G-team.",
        period="2026-10",
    )
    db.session.add(outcome)
    db.session.commit()
    return outcome.id


@pytest.fixture
def valid(world, published, harvested) -> dict[str, Any]:
    """A valid value for every path and query parameter name the document uses."""
    return {
        "outcome_id": harvested,
        "programme_only": "false",
        "programme_id": world.programme_id,
        "theme_id": world.theme1_id,
        "opgave_id": world.opgave1_id,
        "partner_id": world.partner_ids["club"],
        "engagement_id": world.engagement1_id,
        "marker_id": world.marker_ids["expect1"],
        "entry_id": world.entry_ids["2026-10"],
        "period": published,
        "period_from": "2026-09",
        "period_to": "2026-10",
        "page": 1,
        "per_page": 200,
        "building_block": "software",
        "status": "active",
        "type": "club",
        "tier": "expect",
        "scope": "theme",
        "id": str(world.theme1_id),
        "include_archived": "true",
        "active_only": "true",
        "counting_only": "true",
        "highlight_only": "false",
        "q": "testclub",
        "kind": "journal",
        "editie": "2026-11",
    }


def url(path: str, values: dict[str, Any]) -> str:
    for name in values:
        path = path.replace("{" + name + "}", str(values[name]))
    return path


def required_query(op: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The required query parameters, plus `id` which every metrics scope but one needs."""
    names = {p["name"] for p in op["parameters"] if p["in"] == "query" and p.get("required")}
    if "scope" in names:
        names.add("id")
    return {name: values[name] for name in names}


def assert_documented(response, op: dict[str, Any]) -> None:
    assert response.status_code < 500
    assert str(response.status_code) in op["responses"], (response.status_code, op["operationId"])
    assert response.is_json
    if response.status_code >= 400:
        body = response.get_json()
        assert set(body) == {"error", "status", "detail"} and body["status"] == response.status_code


def test_document_lists_exactly_the_api_routes(app):
    routes = {
        openapi_path(rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
    }
    assert routes == set(DOCUMENT["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            assert rule.methods - {"HEAD", "OPTIONS"} == {"GET"}, rule.rule


def test_document_is_served_without_a_token_and_declares_bearer_auth(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = response.get_json()
    assert served["openapi"].startswith("3.")
    assert served["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert served["security"] == [{"bearerAuth": []}]
    assert served == json.loads(json.dumps(DOCUMENT))


def test_every_operation_documents_its_parameters_and_answers():
    for path, op in OPERATIONS:
        path_names = {p["name"] for p in op["parameters"] if p["in"] == "path"}
        assert path_names == {part[1:-1] for part in path.split("/") if part.startswith("{")}
        assert all("schema" in p for p in op["parameters"])
        assert {"200", "400"} <= set(op["responses"]), path
        if op.get("security") != []:
            assert "401" in op["responses"], path
        if path_names:
            assert "404" in op["responses"], path


@pytest.mark.parametrize(("path", "op"), OPERATIONS, ids=OPERATION_IDS)
def test_operation_answers_valid_input_with_200(client, world, valid, path, op):
    # The network operations read across programmes: an administrator may, a coordinator not.
    token = make_token("admin" if op["tags"] == ["national"] else "regisseur")
    minimal = client.get(
        url(path, valid), query_string=required_query(op, valid), headers=bearer(token)
    )
    assert minimal.status_code == 200, minimal.get_json()
    every = {p["name"]: valid[p["name"]] for p in op["parameters"] if p["in"] == "query"}
    full = client.get(url(path, valid), query_string=every, headers=bearer(token))
    assert full.status_code == 200, (every, full.get_json())


@pytest.mark.parametrize(("path", "op"), OPERATIONS, ids=OPERATION_IDS)
def test_operation_refuses_each_bad_parameter_with_a_documented_answer(
    client, world, valid, path, op
):
    headers = bearer(make_token("lid1"))
    base = required_query(op, valid)
    for param in op["parameters"]:
        for bad in bad_values(param["schema"]):
            if param["in"] == "path":
                response = client.get(url(path, {**valid, param["name"]: bad}), headers=headers)
                assert response.status_code in (400, 404), (param["name"], bad)
            else:
                query = {**base, param["name"]: bad}
                response = client.get(url(path, valid), query_string=query, headers=headers)
                expected = (400, 404) if param["name"] == "id" else (400,)
                assert response.status_code in expected, (param["name"], bad)
            assert_documented(response, op)
    unknown = client.get(url(path, valid), query_string={**base, "nope": "1"}, headers=headers)
    assert unknown.status_code == 400
    assert_documented(unknown, op)


@pytest.mark.parametrize(("path", "op"), OPERATIONS, ids=OPERATION_IDS)
def test_operation_refuses_missing_garbage_and_revoked_tokens(client, world, valid, path, op):
    if op.get("security") == []:  # the document itself is public
        assert client.get(url(path, valid)).status_code == 200
        return
    secret = make_token("trekker1")
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user("trekker1").id))
    token.revoked_at = utcnow()
    db.session.commit()
    target, query = url(path, valid), required_query(op, valid)
    for headers in ({}, {"Authorization": "Bearer omt_garbage"}, bearer(secret)):
        response = client.get(target, query_string=query, headers=headers)
        assert response.status_code == 401
        assert_documented(response, op)


@pytest.mark.parametrize(("path", "op"), OPERATIONS, ids=OPERATION_IDS)
def test_another_programmes_token_gets_404_for_our_records(client, world, valid, path, op):
    response = client.get(
        url(path, valid),
        query_string=required_query(op, valid),
        headers=bearer(make_token("anderregisseur")),
    )
    assert_documented(response, op)
    if op["tags"] == ["national"]:
        assert response.status_code == 403  # a programme's coordinator reads no network
    elif "404" in op["responses"]:
        assert response.status_code == 404
    else:
        assert response.status_code == 200


schema = schemathesis.openapi.from_dict(copy.deepcopy(DOCUMENT))


def _respect_cross_parameter_rules(query: dict[str, Any], theme_id: int) -> None:
    """Two rules a JSON schema cannot state (both documented, both tested above)."""
    start, end = query.get("period_from"), query.get("period_to")
    if isinstance(start, str) and isinstance(end, str) and is_period(start) and is_period(end):
        query["period_from"], query["period_to"] = min(start, end), max(start, end)
    if query.get("scope") in METRIC_SCOPES[1:] and "id" not in query:
        query["id"] = "software" if query["scope"] == "building_block" else str(theme_id)


@pytest.fixture
def fuzz_token(world, published) -> str:
    return make_token("regisseur")


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_generated_requests_get_documented_answers(case, app, world, fuzz_token):
    """Generated valid and invalid input; every answer checked against the document."""
    if case.query is not None:
        _respect_cross_parameter_rules(case.query, world.theme1_id)
    # The probes for missing/invalid credentials go through the schema's own transport.
    case.operation.schema.app = app
    case.call_and_validate(app=app, headers=bearer(fuzz_token))
