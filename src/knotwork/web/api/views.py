"""The JSON API (django-ninja) under /api/v1/: the same answers as the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from csp.middleware import CSPMiddleware
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from pydantic import (
    ConfigDict,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import to_json

from knotwork.core.answer import FindAnswer, result_json
from knotwork.core.describe import describe_muscle, describe_region, describe_spot
from knotwork.core.finder import DEFAULT_LIMIT, find, interpret
from knotwork.core.resolve import MAX_PHRASE_CHARS, MAX_PHRASES, InputLimitError, check_limits
from knotwork.core.words import whole_number
from knotwork.web.kb import get_kb

MAX_ITEM_CHARS = MAX_PHRASE_CHARS


JSON_BODY_PATHS = frozenset({"/api/v1/find"})
"""The API routes that take a body; a POST elsewhere gets the usual 405."""


class PageCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, but a response marked exempt (our JSON answers, which no
    browser renders as a page) skips building the policy, not only writing it: a tenth
    of a millisecond per API request. Pages are unchanged."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(response, "_csp_exempt", False):
            return response  # no policy at all, report-only included
        return super().process_response(request, response)


def json_only(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., Any]:
    """Middleware: API bodies must say they are JSON. A cross-site form or text/plain POST
    is refused with 415 before anything reads it, so another web page cannot drive a
    local install through the person's browser (browsers send such requests without
    asking, but never a cross-site application/json one)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return get_response(request)
        if (
            request.method == "POST"
            and request.path in JSON_BODY_PATHS
            and request.content_type != "application/json"
        ):
            return _json_error(415, "send the body as JSON (Content-Type: application/json)")
        length = whole_number(request.META.get("CONTENT_LENGTH") or "", most_digits=12)
        if length is not None and length > MAX_BODY_BYTES:
            return _too_big()
        try:
            response = get_response(request)
        except RequestDataTooBig:
            return _too_big()  # a body without a length that grew past the limit
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            # the same errors as every other API answer: JSON, with what is allowed
            allowed = response.get("Allow", "")
            error = _json_error(405, f"this address takes {allowed or 'other methods'}")
            if allowed:
                error["Allow"] = allowed
            return error
        return response

    return middleware


MAX_BODY_BYTES = 256 * 1024
"""An API body larger than this is refused (413) unread: four fields of 12,000 characters
fit many times over."""


def _json_error(status: int, detail: str) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": detail}), status=status, content_type="application/json"
    )


def _too_big() -> HttpResponse:
    return _json_error(413, f"the body is larger than {MAX_BODY_BYTES // 1024} KB")


api = NinjaAPI(
    title="Knotwork API",
    version="1.0.0",
    description=(
        "Find the trigger points that could explain a person's pain, after red-flag "
        "triage. Suggestions are hypotheses to explore, not diagnoses."
    ),
    urls_namespace="api-v1",
    docs_url=None,  # the interactive docs page loads scripts from a CDN; we serve none
)

Phrase = Annotated[str, StringConstraints(max_length=MAX_ITEM_CHARS)]


class FindIn(Schema):
    """A pain report, as for `knotwork find`: phrases or ids in every list.

    Each list holds at most 40 items of at most 300 characters, and at most 40
    comma-separated phrases in all; more is refused with a 422 that names the field.
    """

    model_config = ConfigDict(extra="forbid")
    pain: list[Phrase] = Field(
        default_factory=list,
        max_length=MAX_PHRASES,
        description="Where it hurts: region ids or lay phrases, e.g. 'right back dimple'.",
    )
    quality: list[Phrase] = Field(default_factory=list, max_length=MAX_PHRASES)
    worse: list[Phrase] = Field(default_factory=list, max_length=MAX_PHRASES)
    flags: list[Phrase] = Field(
        default_factory=list,
        max_length=MAX_PHRASES,
        description="Safety questions that apply (yes): ids or the person's words.",
    )
    flags_no: list[Phrase] = Field(
        default_factory=list,
        max_length=MAX_PHRASES,
        description="Safety questions answered no: ids or the person's words.",
    )
    none_apply: StrictBool = Field(
        default=False,
        description="True when the person said none of the (other) safety questions apply.",
    )
    age: int | None = Field(default=None, ge=0, le=120)
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=50)

    @field_validator("pain", "quality", "worse", "flags", "flags_no")
    @classmethod
    def _bounded(cls, value: list[str], info: ValidationInfo) -> list[str]:
        try:
            check_limits(info.field_name or "", value)
        except InputLimitError as exc:
            raise ValueError(exc.message) from None
        return value

    @field_validator("age", "limit", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        # JSON true/false would otherwise count as 1/0
        if isinstance(value, bool):
            raise ValueError("must be a whole number, not true or false")
        return value

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        raw = getattr(data, "_obj", data)  # ninja wraps the parsed body
        if not isinstance(raw, dict):
            raise ValueError(
                'the body must be a JSON object such as {"pain": ["right back dimple"]}'
            )
        return data


class Message(Schema):
    detail: str


class ValidationIssue(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationFailure(Schema):
    detail: list[ValidationIssue]


INVALID = {400: Message, 415: Message, 422: ValidationFailure}
MISSING = {404: Message, 422: ValidationFailure}


class RegionOut(Schema):
    id: str
    label: str
    view: str
    side: str
    area: str
    parent: str | None
    choir: list[int]


class SpotSummary(Schema):
    number: int
    title: str
    conditions: list[str]
    trigger_points: list[str]


class MuscleSummary(Schema):
    id: str
    name: str
    area: str
    trigger_points: list[str]


@api.post(
    "/find",
    response={200: FindAnswer, **INVALID},
    exclude_none=True,
    summary="Rank the trigger points that could explain the pain",
)
def find_endpoint(request: Any, body: FindIn) -> HttpResponse:
    kb = get_kb()
    interpretation = interpret(
        kb,
        body.pain,
        body.quality,
        body.worse,
        body.flags,
        body.age,
        flags_no=body.flags_no,
        none_apply=body.none_apply,
    )
    result = find(kb, interpretation.report, limit=body.limit)
    # the core already builds exactly the documented shape (the tests and schemathesis hold
    # it to the schema), so skip re-validating it on every request: it tripled the cost
    # pydantic-core's encoder (already here for the schemas) writes it four times faster
    payload = to_json(result_json(kb, result, interpretation))
    response = HttpResponse(payload, content_type="application/json")
    response._csp_exempt = True  # type: ignore[attr-defined]  # JSON is never rendered as a page
    return response


@api.get("/regions", response=list[RegionOut], summary="Every body region that can be marked")
def regions_endpoint(request: Any) -> list[dict[str, Any]]:
    kb = get_kb()
    return [describe_region(r) for r in kb.regions.values()]


@api.get("/spots", response=list[SpotSummary], summary="The Perfect Spots")
def spots_endpoint(request: Any) -> list[dict[str, Any]]:
    kb = get_kb()
    return [
        {
            "number": s.number,
            "title": s.title,
            "conditions": list(s.conditions),
            "trigger_points": list(s.trigger_points),
        }
        for s in (kb.spots[n] for n in sorted(kb.spots))
    ]


@api.get(
    "/spots/{number}",
    response={200: dict[str, Any], **MISSING},
    summary="One Perfect Spot, in full",
)
def spot_endpoint(request: Any, number: int) -> dict[str, Any]:
    kb = get_kb()
    if number not in kb.spots:
        raise HttpError(404, "no Perfect Spot with that number")
    return describe_spot(kb, number)


@api.get("/muscles", response=list[MuscleSummary], summary="Every muscle in the knowledge base")
def muscles_endpoint(request: Any) -> list[dict[str, Any]]:
    kb = get_kb()
    return [
        {
            "id": m.id,
            "name": m.name,
            "area": m.area,
            "trigger_points": [f"{m.id}/{tp.id}" for tp in m.trigger_points],
        }
        for m in kb.muscles.values()
    ]


@api.get(
    "/muscles/{muscle_id}",
    response={200: dict[str, Any], **MISSING},
    summary="One muscle and its trigger points, in full",
)
def muscle_endpoint(request: Any, muscle_id: str) -> dict[str, Any]:
    kb = get_kb()
    if muscle_id not in kb.muscles:
        raise HttpError(404, "no muscle with that id")
    return describe_muscle(kb, muscle_id)
