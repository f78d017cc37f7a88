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
    # a JSON answer is never rendered as a page: no policy is built for it; pages keep theirs
    assert "Content-Security-Policy" not in response.headers
    assert "default-src" in client.get("/").headers["Content-Security-Policy"]


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
        # a field we do not know is refused, never ignored: a misspelt "flags" must not
        # pass for "no warning signs"
        ({"pain": ["x"], "colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client: Client, body: object, field: str) -> None:
    response = post(client, body)
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


# --------------------------------------------------------------- issue 7: safety and bounds


@pytest.mark.parametrize(
    "body",
    [
        {"pain": ["I can't feel it when I wipe"]},
        {"flags": ["peeing is weird since yesterday"]},
        {"pain": ["numb between my legs, can't pee"]},
        {"pain": ["chest pain going into my left arm and jaw, sweaty"]},
    ],
)
def test_lay_warning_signs_are_emergencies(client: Client, body: dict[str, list[str]]) -> None:
    data = post(client, body).json()
    assert data["triage"]["level"] == "emergency"
    assert data["candidates"] == []


def test_marked_chest_arm_and_jaw_ask_the_heart_first(client: Client) -> None:
    data = post(
        client, {"pain": ["front.chest.left", "front.upper_arm.left", "front.face.jaw.left"]}
    ).json()
    assert data["triage"]["checked"] is False
    assert data["triage"]["ask"][0] in {"chest_pain_breathless", "chest_pain_spreading"}
    assert data["triage"]["questions"][0]["because"]
    assert "No red flags" not in data["triage"]["headline"]


def test_checked_only_with_answers(client: Client) -> None:
    unanswered = post(client, {"pain": ["right back dimple"]}).json()["triage"]
    assert unanswered["checked"] is False
    assert unanswered["headline"] == "The safety questions are not answered yet"
    answered = post(client, {"pain": ["right back dimple"], "none_apply": True}).json()["triage"]
    assert answered["checked"] is True
    assert answered["ask"] == []
    assert answered["headline"] == "No red flags in your answers"
    # words in the safety box we could not read keep the check open
    odd = post(client, {"pain": ["right back dimple"], "flags": ["zorbly"], "none_apply": True})
    assert odd.json()["triage"]["checked"] is False


def test_over_long_input_is_a_422_naming_the_field(client: Client) -> None:
    spaces = post(client, {"pain": [" " * 100_000]})
    assert spaces.status_code == 422
    assert spaces.json()["detail"][0]["loc"][-2:] == ["pain", 0]
    commas = post(client, {"worse": [",".join(["word"] * 15_000)]})
    assert commas.status_code == 422
    many = post(client, {"quality": [",".join(["ache"] * 10)] * 5})
    assert many.status_code == 422
    assert "quality" in json.dumps(many.json())


def test_only_json_bodies_are_read(client: Client) -> None:
    response = client.post("/api/v1/find", data='{"pain": ["low back"]}', content_type="text/plain")
    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    form = client.post("/api/v1/find", data={"pain": "low back"})
    assert form.status_code == 415


def test_inflammatory_back_pain_from_plain_words(client: Client) -> None:
    body = {
        "pain": ["lower back, for 2 years"],
        "flags": [
            "stiff every morning for over an hour",
            "wakes me in the early hours and eases once I'm up",
        ],
        "age": 30,
        "none_apply": True,
    }
    data = post(client, body).json()
    assert data["triage"]["level"] == "see_doctor"
    assert "inflammatory_back_pain_plain" in [r["id"] for r in data["triage"]["reasons"]]


def test_a_body_over_the_limit_is_a_json_413_unread(client: Client, caplog) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/find", data="x" * (300 * 1024), content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "larger than" in response.json()["detail"]
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize(
    ("method", "path"), [("get", "/api/v1/find"), ("delete", "/api/v1/muscles")]
)
def test_a_wrong_method_is_a_json_405_saying_what_is_allowed(
    client: Client, method: str, path: str
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"]
    assert response["Allow"] in response.json()["detail"]
