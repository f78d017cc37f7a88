"""The JSON API: same answers as the CLI, clear 422s, and a schema schemathesis can fuzz."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from django.test import Client

from knotwork.cli import main

pytestmark = pytest.mark.django_db


def post(client: Client, body: object):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/find", data=json.dumps(body), content_type="application/json")


def test_find_matches_the_cli(client: Client) -> None:
    body = {
        "pain": ["right back dimple", "top of right buttock"],
        "worse": ["leaning over the sink"],
        "age": 45,
    }
    response = post(client, body)
    assert response.status_code == 200
    api = response.json()
    cli = CliRunner().invoke(
        main,
        [
            "find",
            "--pain",
            "right back dimple",
            "--pain",
            "top of right buttock",
            "--worse",
            "leaning over the sink",
            "--age",
            "45",
            "--json",
        ],
    )
    assert api == json.loads(cli.output)
    top3 = [c["muscle"]["id"] for c in api["candidates"][:3]]
    assert "gluteus_maximus" in top3


def test_find_emergency(client: Client) -> None:
    data = post(client, {"pain": ["right back dimple"], "flags": ["numb saddle area"]}).json()
    assert data["triage"]["level"] == "emergency"
    assert data["candidates"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pain": ["x"], "age": "old"}, "age"),
        ({"pain": ["x"], "age": 300}, "age"),
        ({"pain": "right back dimple"}, "pain"),
        ({"pain": ["x"], "colour": "red"}, None),
    ],
)
def test_bad_input_is_a_422_naming_the_field(
    client: Client, body: object, field: str | None
) -> None:
    response = post(client, body)
    if field is None:
        assert response.status_code in (200, 422)
        return
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(field in [str(p) for p in d["loc"]] for d in detail), detail


def test_read_endpoints(client: Client) -> None:
    muscles = client.get("/api/v1/muscles").json()
    assert any(m["id"] == "quadratus_lumborum" for m in muscles)
    ql = client.get("/api/v1/muscles/quadratus_lumborum").json()
    assert ql["trigger_points"]
    assert client.get("/api/v1/muscles/nope").status_code == 404
    regions = client.get("/api/v1/regions").json()
    assert {"id", "label", "view", "side", "choir"} <= set(regions[0])
    spots = client.get("/api/v1/spots").json()
    assert [s["number"] for s in spots] == list(range(1, 15))
    assert client.get("/api/v1/spots/12").json()["number"] == 12


def test_openapi_document(client: Client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "Knotwork API"
    assert "/api/v1/find" in doc["paths"]
