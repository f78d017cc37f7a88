"""Export and import on a real database: the export fits the committed schema, an import
from the web is all or nothing and never twice, and no file can break a page."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from knotwork.core import diary_export
from knotwork.web.diary import records, views
from knotwork.web.diary.access import local_person
from knotwork.web.diary.models import (
    DailyRating,
    InstrumentResponse,
    PainMap,
    Session,
    SessionSpot,
)
from knotwork.web.kb import get_kb
from tests.core.test_diary_export import VALIDATOR, a_diary, changed_diaries

pytestmark = pytest.mark.django_db

QL = "quadratus_lumborum/deep_upper"


def local() -> Client:
    return Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.0.0.1")


def _upload(doc: object, name: str = "my-diary.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(doc).encode(), content_type="application/json")


def test_the_formats_choices_are_the_databases() -> None:
    assert set(get_args(diary_export.Adverse)) == set(Session.Adverse.values)
    assert set(get_args(diary_export.Reason)) == set(Session.Reason.values)
    assert set(get_args(diary_export.Side)) == set(SessionSpot.Side.values)
    assert set(get_args(diary_export.Recognised)) == set(SessionSpot.Recognised.values)


def test_an_export_with_everything_in_it_fits_the_committed_schema() -> None:
    owner = local_person()
    today = timezone.localdate()
    DailyRating.objects.create(owner=owner, day=today, pain_average=5, pain_now=3, note="n")
    s = Session.objects.create(
        owner=owner, day=today, reason="experiment", pain_before=6, pain_after=3,
        pain_next_morning=4, adverse="soreness", routine="seed", note="sore",
    )  # fmt: skip
    SessionSpot.objects.create(
        session=s, trigger_point=QL, side="left", tool="ball_wall", minutes=2.5, pressure=6,
        recognised="yes",
    )  # fmt: skip
    InstrumentResponse.objects.create(
        owner=owner, instrument="psfs", version="1", day=today, answers={"activity-1": 4},
        labels={"activity-1": "tying shoes"}, total=4.0, band="",
    )  # fmt: skip
    PainMap.objects.create(owner=owner, day=today, regions=["back.sacroiliac.right"], report="r=x")
    doc = json.loads(local().get("/diary/export/json/").content)
    errors = [e.message for e in VALIDATOR.iter_errors(doc)]
    assert errors == []
    assert diary_export.read_export(doc).sessions[0].spots[0].minutes == 2.5


def test_an_import_from_the_web_is_shown_and_a_second_one_adds_nothing() -> None:
    c = local()
    page = c.get("/diary/data/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    for table in records.CSV_TABLES:
        assert f'href="/diary/export/{table}/"' in html  # every CSV reachable from the page
    first = c.post("/diary/data/", {"file": _upload(a_diary())}, follow=True)
    assert first.status_code == 200
    said = first.content.decode()
    assert "Imported 2 daily ratings, 1 session, 2 questionnaires and 1 body map." in said
    assert (Session.objects.count(), InstrumentResponse.objects.count()) == (1, 2)
    again = c.post("/diary/data/", {"file": _upload(a_diary())}, follow=True).content.decode()
    assert "Imported 2 daily ratings, 0 sessions, 0 questionnaires and 0 body maps." in again
    assert "4 entries were here already and were not added again." in again
    assert (Session.objects.count(), PainMap.objects.count()) == (1, 1)
    assert DailyRating.objects.count() == 2
    # two sessions alike in one file are two sessions (twice in a day)
    doc = a_diary()
    doc["sessions"].append(doc["sessions"][0])
    c.post("/diary/data/", {"file": _upload(doc)})
    assert Session.objects.count() == 2


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (None, "Choose a file exported from Knotwork"),
        (b"\xff\xfe not text", "my-diary.json is not a JSON file; nothing was imported."),
        (b"{ not json", "my-diary.json is not a JSON file"),
        (b"[" * 100_000 + b"]" * 100_000, "my-diary.json is not a JSON file"),
        (b'{"format": "something-else"}', "not a Knotwork diary export"),
    ],
)
def test_a_file_that_is_not_a_diary_says_why_and_adds_nothing(
    payload: bytes | None, words: str
) -> None:
    data = {} if payload is None else {"file": SimpleUploadedFile("my-diary.json", payload)}
    answer = local().post("/diary/data/", data)
    assert answer.status_code == 400
    assert words in answer.content.decode()
    assert not DailyRating.objects.exists()


def test_a_wrong_entry_is_named_with_the_file_and_nothing_is_added() -> None:
    doc = a_diary()
    doc["sessions"][0]["spots"][1]["minutes"] = 45
    answer = local().post("/diary/data/", {"file": _upload(doc)})
    assert answer.status_code == 400
    assert (
        "my-diary.json: sessions[1].spots[2]: minutes must be at most 30, not 45. "
        "Nothing was imported." in answer.content.decode()
    )
    assert not DailyRating.objects.exists()  # the good ratings before it were not kept
    assert not Session.objects.exists()


def test_a_file_too_large_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_IMPORT_BYTES", 200)
    answer = local().post("/diary/data/", {"file": _upload(a_diary())})
    assert answer.status_code == 400
    assert "is larger than" in answer.content.decode()
    assert not DailyRating.objects.exists()


# ------------------------------------------------------------------ no file breaks a page

PAGES = (
    "/diary/",
    "/diary/helps/",
    "/diary/summary/",
    "/diary/maps/",
    "/diary/questionnaires/",
    "/diary/data/",
    "/diary/export/json/",
    "/diary/export/sessions/",
    "/diary/export/session_spots/",
    "/diary/export/instrument_responses/",
    "/diary/export/pain_maps/",
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(changed_diaries())
def test_whatever_a_file_holds_the_import_is_whole_or_nothing_and_every_page_still_works(
    doc: dict[str, Any],
) -> None:
    from fhir.resources.R4B.bundle import Bundle

    owner = local_person()
    before = records.counts(owner)
    problem = ""
    try:
        records.import_json(owner, doc, known_regions=get_kb().regions)
    except records.ImportError_ as exc:
        problem = str(exc)
    if problem:
        assert records.counts(owner) == before
        return
    c = local()
    try:
        for path in PAGES:
            assert c.get(path).status_code == 200, path
        Bundle.model_validate(json.loads(c.get("/diary/export/fhir/").content))
        answer = c.post("/diary/summary/", {"weeks": "52"})
        assert answer.content.startswith(b"%PDF")
        # and what was imported exports as a file that imports again, adding nothing
        again = records.export_json(owner)
        assert VALIDATOR.is_valid(again)
        assert records.import_json(owner, again)["sessions"] == 0
    finally:
        records.delete_everything(owner)
