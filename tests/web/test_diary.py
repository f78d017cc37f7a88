"""The diary on the web: a local person without a password, accounts on a hosted install,
and every diary URL closed to strangers (healthchecks style: Alice, Bob, nobody)."""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from knotwork.web.diary import records
from knotwork.web.diary.access import LOCAL_USERNAME
from knotwork.web.diary.models import DailyRating, Experiment, PainMap, Session, SessionSpot

pytestmark = pytest.mark.django_db

QL = "quadratus_lumborum/deep_upper"
LOW_BACK = "back.sacroiliac.right"
SECRET_NOTE = "alice-private-note-7f3a"


def local() -> Client:
    """A browser on the machine itself, as with `make run`."""
    return Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.0.0.1")


def _user(name: str):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(name, f"{name}@example.org", "x" * 16)


@pytest.fixture
def alice():  # type: ignore[no-untyped-def]
    return _user("alice")


@pytest.fixture
def bob():  # type: ignore[no-untyped-def]
    return _user("bob")


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()  # host "testserver": not this machine, so a hosted install
    c.force_login(user)
    return c


def _alice_rows(alice) -> Session:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    DailyRating.objects.create(owner=alice, day=today, pain_average=6, note=SECRET_NOTE)
    s = Session.objects.create(owner=alice, day=today, reason="flare", note=SECRET_NOTE)
    SessionSpot.objects.create(session=s, trigger_point=QL, minutes=5)
    return s


def test_a_local_install_needs_no_password_and_saves_a_rating() -> None:
    c = local()
    page = c.get("/diary/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert b"How is your pain today?" in page.content
    today = timezone.localdate().isoformat()
    done = c.post("/diary/", {"day": today, "pain_average": "6"})
    assert done.status_code == 302
    row = DailyRating.objects.get()
    assert (row.pain_average, row.owner.username) == (6, LOCAL_USERNAME)
    # a second rating of the day replaces the first
    c.post("/diary/", {"day": today, "pain_average": "3"})
    assert DailyRating.objects.get().pain_average == 3


def test_a_bad_rating_says_what_it_accepts_and_keeps_what_was_typed() -> None:
    c = local()
    page = c.post("/diary/", {"day": "2026-02-30", "pain_average": "12", "note": "kept words"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Give a number from 0 to 10." in text
    assert "Give a date as YYYY-MM-DD" in text
    assert "kept words" in text
    assert not DailyRating.objects.exists()
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    assert (
        "cannot be in the future"
        in c.post("/diary/", {"day": future, "pain_average": "5"}).content.decode()
    )


def test_a_session_is_logged_with_its_spots_and_shown() -> None:
    c = local()
    form = c.get(f"/diary/sessions/new/?tp={QL}:right:20")
    assert form.status_code == 200
    assert f'value="{QL}" selected' in form.content.decode()
    done = c.post(
        "/diary/sessions/new/",
        {
            "day": timezone.localdate().isoformat(),
            "reason": "flare",
            "adverse": "none",
            "spot1": QL,
            "side1": "right",
            "minutes1": "20",
            "pressure1": "6",
            "recognised1": "yes",
            "pain_before": "7",
            "pain_after": "5",
        },
    )
    assert done.status_code == 302
    session = Session.objects.get()
    assert done["Location"] == f"/diary/sessions/{session.id}/"
    spot = session.spots.get()
    assert (spot.trigger_point, spot.side, float(spot.minutes)) == (QL, "right", 20.0)
    shown = c.get(done["Location"]).content.decode()
    assert "Quadratus lumborum" in shown


def test_a_session_without_a_spot_or_with_a_made_up_spot_is_refused() -> None:
    c = local()
    base = {"day": timezone.localdate().isoformat(), "reason": "planned", "adverse": "none"}
    none = c.post("/diary/sessions/new/", base)
    assert none.status_code == 400
    assert "Choose at least one spot" in none.content.decode()
    bogus = c.post("/diary/sessions/new/", {**base, "spot1": "no/such", "minutes1": "2"})
    assert "Choose a spot from the list." in bogus.content.decode()
    no_minutes = c.post("/diary/sessions/new/", {**base, "spot1": QL})
    assert "Give the minutes for this spot." in no_minutes.content.decode()
    assert not Session.objects.exists()


def test_what_helps_says_not_enough_data_and_never_works() -> None:
    c = local()
    c.post("/diary/", {"day": timezone.localdate().isoformat(), "pain_average": "5"})
    c.post(
        "/diary/sessions/new/",
        {
            "day": timezone.localdate().isoformat(),
            "reason": "planned",
            "adverse": "none",
            "spot1": QL,
            "minutes1": "3",
        },
    )
    page = c.get("/diary/helps/").content.decode()
    assert "Not enough data yet" in page
    assert not re.search(r"\bworks?\b", page, re.IGNORECASE)


def test_delete_everything_needs_the_typed_words() -> None:
    c = local()
    c.post("/diary/", {"day": timezone.localdate().isoformat(), "pain_average": "5"})
    wrong = c.post("/diary/delete/", {"confirm": "yes"})
    assert wrong.status_code == 400
    assert DailyRating.objects.exists()
    PainMap.objects.create(owner=local_person_row(), day=timezone.localdate(), regions=[LOW_BACK])
    c.post("/diary/delete/", {"confirm": "Delete my diary"})
    assert not DailyRating.objects.exists()
    assert not PainMap.objects.exists()


def test_export_and_import_round_trip(alice, bob) -> None:  # type: ignore[no-untyped-def]
    _alice_rows(alice)
    PainMap.objects.create(owner=alice, day=timezone.localdate(), regions=[LOW_BACK], note="n")
    doc = json.loads(signed_in(alice).get("/diary/export/json/").content)
    assert doc["format"] == "knotwork-diary"
    records.import_json(bob, doc)
    again = records.export_json(bob)
    assert len(doc["pain_maps"]) == 1
    for key in ("daily_ratings", "sessions", "instrument_responses", "pain_maps"):
        strip = [{k: v for k, v in e.items() if k != "id"} for e in doc[key]]
        assert strip == [{k: v for k, v in e.items() if k != "id"} for e in again[key]]
    csv_text = signed_in(alice).get("/diary/export/session_spots/").content.decode()
    assert csv_text.splitlines()[0].startswith("session_id,order,trigger_point")
    assert QL in csv_text


def test_a_bad_import_names_the_entry_and_field_and_adds_nothing(bob) -> None:  # type: ignore[no-untyped-def]
    doc = {
        "format": "knotwork-diary",
        "version": 1,
        "daily_ratings": [
            {"day": "2026-01-01", "pain_average": 4},
            {"day": "2026-01-02", "pain_average": 40},
        ],
    }
    with pytest.raises(records.ImportError_, match=r"daily_ratings\[2\]: pain_average"):
        records.import_json(bob, doc)
    assert not DailyRating.objects.exists()


# ------------------------------------------------------------------ every URL is closed


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def _diary_urls() -> list[tuple[str, URLPattern]]:
    return [(route, p) for route, p in _patterns(get_resolver()) if route.startswith("diary/")]


def test_every_diary_url_is_behind_the_owner_check() -> None:
    urls = _diary_urls()
    assert len(urls) >= 7
    for route, p in urls:
        assert getattr(p.callback, "diary_view", False), f"/{route} is not wrapped in diary_view"


def _fill(
    route: str,
    session_id: uuid.UUID,
    test_id: uuid.UUID | None = None,
    map_id: uuid.UUID | None = None,
) -> str:
    return "/" + (
        route.replace("<uuid:session_id>", str(session_id))
        .replace("<uuid:test_id>", str(test_id or uuid.uuid4()))
        .replace("<uuid:map_id>", str(map_id or uuid.uuid4()))
        .replace("<slug:fmt>", "json")
        .replace("<slug:instrument>", "psfs")
    )


def test_alice_sees_hers_bob_gets_404_nobody_gets_the_login_page(alice, bob) -> None:  # type: ignore[no-untyped-def]
    session = _alice_rows(alice)
    test = Experiment.objects.create(
        owner=alice, spot=QL, start=timezone.localdate(), arms="AB" * 7, seed=1
    )
    pain_map = PainMap.objects.create(
        owner=alice, day=timezone.localdate(), regions=[LOW_BACK], note=SECRET_NOTE
    )
    as_alice, as_bob, nobody = signed_in(alice), signed_in(bob), Client()
    for route, _p in _diary_urls():
        path = _fill(route, session.id, test.id, pain_map.id)
        mine = as_alice.get(path)
        assert mine.status_code in (200, 405), path
        theirs = as_bob.get(path)
        if "<uuid:" in route:
            assert theirs.status_code in (404, 405), path
        else:
            assert SECRET_NOTE.encode() not in theirs.content, path
        anon = nobody.get(path)
        assert anon.status_code == 302, path
        assert anon["Location"].startswith("/accounts/login/"), path
        assert mine["Cache-Control"] == "no-store", path
    # writes too: no POST of Bob's reaches a row of Alice's
    for route, _p in _diary_urls():
        if "<uuid:" in route:
            path = _fill(route, session.id, test.id, pain_map.id)
            assert as_bob.post(path, {"pain_next_morning": "1"}).status_code in (404, 405), path
    session.refresh_from_db()
    assert session.pain_next_morning is None
    assert PainMap.objects.filter(id=pain_map.id).exists()
    # Bob cannot delete Alice's session, nobody can post a rating
    assert as_bob.post(f"/diary/sessions/{session.id}/delete/").status_code == 404
    assert Session.objects.filter(id=session.id).exists()
    assert nobody.post("/diary/", {"day": "2026-01-01", "pain_average": "3"}).status_code == 302
    assert DailyRating.objects.count() == 1
    # a random id is a 404 for its owner too: no row numbers to guess
    assert as_alice.get(f"/diary/sessions/{uuid.uuid4()}/").status_code == 404


def test_a_request_from_another_machine_is_never_the_local_person() -> None:
    c = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="192.0.2.7")
    page = c.get("/diary/")
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/")


def test_the_finder_still_sets_no_cookie() -> None:
    page = Client().get("/")
    assert page.status_code == 200
    assert not page.cookies.get("sessionid")


def test_the_fhir_export_is_a_valid_r4_bundle(alice) -> None:  # type: ignore[no-untyped-def]
    from fhir.resources.R4B.bundle import Bundle

    session = _alice_rows(alice)
    session.pain_before, session.pain_after = 7, 4
    session.save()
    PainMap.objects.create(owner=alice, day=timezone.localdate(), regions=[LOW_BACK])
    got = signed_in(alice).get("/diary/export/fhir/")
    assert got["Content-Type"] == "application/fhir+json"
    bundle = Bundle.model_validate(json.loads(got.content))
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds.count("Patient") == 1
    assert kinds.count("Procedure") == 1
    observations = [
        e.resource for e in bundle.entry if e.resource.get_resource_type() == "Observation"
    ]
    pains = [o for o in observations if o.code.coding]
    assert {o.code.coding[0].code for o in pains} == {"72514-3"}
    (where,) = [o for o in observations if not o.code.coding]
    assert where.component[0].valueCodeableConcept.coding[0].code == LOW_BACK
    assert where.valueString  # the area's name, in words
    assert sorted(o.valueInteger for o in pains) == [4, 6, 7]
    # the person is pseudonymous: no name, no email anywhere in the bundle
    assert b"alice" not in got.content


def test_delete_my_account_needs_the_password_and_the_words(alice, bob) -> None:  # type: ignore[no-untyped-def]
    _alice_rows(alice)
    c = signed_in(alice)
    page = c.get("/diary/account/delete/")
    assert page.status_code == 200
    assert b"/accounts/sessions/" in page.content  # sign out everywhere else
    wrong = c.post("/diary/account/delete/", {"password": "nope", "confirm": "delete my account"})
    assert wrong.status_code == 400
    assert "That is not your password." in wrong.content.decode()
    done = c.post("/diary/account/delete/", {"password": "x" * 16, "confirm": "Delete my account"})
    assert done.status_code == 302
    assert not get_user_model().objects.filter(username="alice").exists()
    assert not DailyRating.objects.exists()
    assert not Session.objects.exists()
    assert get_user_model().objects.filter(username="bob").exists()
    # signed out: the diary asks for a login again
    assert c.get("/diary/").status_code == 302


def test_the_session_list_lets_a_person_sign_out_elsewhere(alice) -> None:  # type: ignore[no-untyped-def]
    c = signed_in(alice)
    assert c.get("/accounts/sessions/").status_code == 200
    # two-step sign-in (TOTP and recovery codes) can be set up from the account
    assert c.get("/accounts/2fa/").status_code == 200
    assert c.get("/accounts/2fa/totp/activate/").status_code in (200, 302)


def test_questionnaires_are_scored_and_the_change_is_shown() -> None:
    c = local()
    day = timezone.localdate()
    first = c.post(
        "/diary/questionnaires/psfs/",
        {
            "day": (day - datetime.timedelta(days=14)).isoformat(),
            "activity-1-name": "putting on socks",
            "activity-1": "3",
            "activity-2-name": "sitting at my desk",
            "activity-2": "4",
        },
    )
    assert first.status_code == 302
    c.post(
        "/diary/questionnaires/psfs/",
        {
            "day": day.isoformat(),
            "activity-1-name": "putting on socks",
            "activity-1": "6",
            "activity-2-name": "sitting at my desk",
            "activity-2": "6",
        },
    )
    page = c.get("/diary/questionnaires/").content.decode()
    assert "up 2.5 points; 1.4 points is the change that matters" in page
    # a rating without its activity's name, and a score-only form's total out of range
    bad = c.post("/diary/questionnaires/psfs/", {"day": day.isoformat(), "activity-1": "5"})
    assert bad.status_code == 400
    assert "Name each activity you rate." in bad.content.decode()
    odi = c.post("/diary/questionnaires/odi/", {"day": day.isoformat(), "total": "130"})
    assert odi.status_code == 400
    assert "between 0 and 100" in odi.content.decode()
    assert "130" in odi.content.decode()  # what was typed is kept
    assert (
        c.post("/diary/questionnaires/odi/", {"day": day.isoformat(), "total": "34"}).status_code
        == 302
    )
    assert c.get("/diary/questionnaires/nope/").status_code == 404


def test_a_planned_test_is_drawn_once_and_judged_at_the_end() -> None:
    c = local()
    bad = c.post("/diary/tests/", {"spot": "no/such", "weeks": "9"})
    assert bad.status_code == 400
    assert "Choose the spot to test" in bad.content.decode()
    assert "2 to 8 weeks" in bad.content.decode()
    made = c.post("/diary/tests/", {"spot": QL, "weeks": "4", "matters": "2"})
    assert made.status_code == 302
    test = Experiment.objects.get()
    assert len(test.arms) == 28
    assert test.start == timezone.localdate() + datetime.timedelta(days=1)
    page = c.get(made["Location"]).content.decode()
    assert "The test starts on" in page
    # the test over: every next-day rating in, the result in words
    test.start = timezone.localdate() - datetime.timedelta(days=40)
    test.save()
    owner = test.owner
    for i in range(30):
        day = test.start + datetime.timedelta(days=i)
        arm_yesterday = test.arms[i - 1] if 0 < i <= 28 else "B"
        DailyRating.objects.create(
            owner=owner, day=day, pain_average=3 if arm_yesterday == "A" else 6
        )
    done = c.get(made["Location"]).content.decode()
    assert "In your test, next-day pain was lower after days with the spot: 3.0 points" in done
    assert not re.search(r"\bworks?\b", done, re.IGNORECASE)


def test_a_routine_links_to_logging_it_with_its_spots() -> None:
    c = local()
    page = c.get(f"/session/?tp={QL}:right&minutes=20").content.decode()
    link = re.search(r'href="(/diary/sessions/new/\?[^"]+)"', page)
    assert link
    form = c.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f'value="{QL}" selected' in form


def test_no_page_or_script_keeps_anything_in_browser_storage() -> None:
    from pathlib import Path

    web = Path(__file__).resolve().parents[2] / "src" / "knotwork" / "web"
    found = [
        str(path.relative_to(web))
        for path in [*web.rglob("*.html"), *web.rglob("*.js")]
        if re.search(
            r"localStorage|sessionStorage|indexedDB|document\.cookie",
            path.read_text(encoding="utf-8"),
        )
    ]
    assert found == []


def test_the_timer_logs_what_it_ran_and_leaves_out_skipped_steps() -> None:
    c = local()
    page = c.get("/session/?tp=quadratus_lumborum/deep_upper:right&tp=gluteus_medius/tp1_posterior")
    assert page.status_code == 200
    assert b'id="timer-log"' in page.content  # a diary is open here, so the timer offers it
    assert b'data-spec="quadratus_lumborum/deep_upper:right:' in page.content
    answer = c.post(
        "/diary/sessions/timed/",
        {
            "routine": "routine",
            "step": [
                f"{QL}:right:5:side_lying:ball_wall",
                "gluteus_medius/tp1_posterior:both:2",
                f"{QL}:left:5",
            ],
            "seconds": ["287", "4", "301"],  # the second was skipped
            "pressure": ["6", "", "11"],  # 11 is no rating: dropped, the spot kept
        },
    )
    assert answer.status_code == 201
    session = Session.objects.get()
    assert answer.json() == {"session": f"/diary/sessions/{session.id}/", "spots": 2}
    assert session.routine == "timer: routine"
    spots = list(session.spots.all())
    assert [(sp.side, float(sp.minutes), sp.pressure, sp.tool) for sp in spots] == [
        ("right", 5.0, 6, "ball_wall"),
        ("left", 5.0, None, ""),
    ]
    # then how it felt, on the session's page
    felt = c.get(answer.json()["session"])
    assert "How it felt" in felt.content.decode()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"step": [f"{QL}:up"], "seconds": ["60"]}, "side must be left, right or both"),
        ({"step": ["nobody/nothing"], "seconds": ["60"]}, "no trigger point"),
        ({"step": [QL], "seconds": ["²"]}, "seconds must be a whole number"),
        ({"step": [QL, QL], "seconds": ["60"]}, "each with its seconds"),
        ({"step": [QL] * 21, "seconds": ["60"] * 21}, "1 to 20 steps"),
        ({"step": [QL], "seconds": ["3"]}, "no step ran for 15 seconds"),
    ],
)
def test_a_bad_timed_session_says_why_and_saves_nothing(
    data: dict[str, list[str]], says: str
) -> None:
    answer = local().post("/diary/sessions/timed/", data)
    assert answer.status_code == 400
    assert says in answer.json()["error"]
    assert not Session.objects.exists()


def test_a_hosted_routine_page_offers_no_logging_and_writes_nothing() -> None:
    c = Client()  # another machine, not signed in
    page = c.get("/session/?tp=quadratus_lumborum/deep_upper:right")
    assert page.status_code == 200
    assert b'id="timer-log"' not in page.content
    assert not get_user_model().objects.exists()  # not even the local person was made
    refused = c.post("/diary/sessions/timed/", {"step": [QL], "seconds": ["300"]})
    assert refused.status_code == 302
    assert not Session.objects.exists()


def test_the_morning_after_is_asked_for_and_saved() -> None:
    c = local()
    owner = local_person_row()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    s = Session.objects.create(owner=owner, day=yesterday, pain_before=7, pain_after=4)
    SessionSpot.objects.create(session=s, trigger_point=QL, minutes=5)
    today = c.get("/diary/").content.decode()
    assert "How was the morning after?" in today
    assert f"/diary/sessions/{s.id}/#felt-h" in today
    bad = c.post(
        f"/diary/sessions/{s.id}/update/",
        {"reason": "planned", "adverse": "none", "pain_next_morning": "12"},
    )
    assert bad.status_code == 400
    assert "Nothing was saved yet" in bad.content.decode()
    s.refresh_from_db()
    assert s.pain_next_morning is None
    ok = c.post(
        f"/diary/sessions/{s.id}/update/",
        {
            "reason": "flare",
            "adverse": "soreness",
            "pain_before": "7",
            "pain_after": "4",
            "pain_next_morning": "3",
        },
    )
    assert ok.status_code == 302
    s.refresh_from_db()
    assert (s.reason, s.adverse, s.pain_before, s.pain_after, s.pain_next_morning) == (
        "flare",
        "soreness",
        7,
        4,
        3,
    )
    assert "How was the morning after?" not in c.get("/diary/").content.decode()
    # and it travels: in the export and as a FHIR pain observation dated the next day
    doc = records.export_json(owner)
    assert doc["sessions"][0]["pain_next_morning"] == 3
    from knotwork.core.diary_fhir import bundle

    fhir = bundle(doc, person="p")
    morning = [
        e["resource"]
        for e in fhir["entry"]
        if e["resource"].get("code", {}).get("text") == "pain the morning after the session"
    ]
    assert [(m["valueInteger"], m["effectiveDateTime"]) for m in morning] == [
        (3, timezone.localdate().isoformat())
    ]


def test_a_session_records_the_tool_for_each_spot() -> None:
    c = local()
    form = c.get(f"/diary/sessions/new/?tp={QL}:right:5:side_lying:ball_wall").content.decode()
    assert '<option value="ball_wall" selected>' in form
    saved = c.post(
        "/diary/sessions/new/",
        {
            "day": timezone.localdate().isoformat(),
            "reason": "planned",
            "adverse": "none",
            "spot1": QL,
            "side1": "right",
            "tool1": "ball_wall",
            "minutes1": "5",
        },
    )
    assert saved.status_code == 302
    assert SessionSpot.objects.get().tool == "ball_wall"
    assert "tennis or lacrosse ball against a wall" in c.get(saved["Location"]).content.decode()
    wrong = c.post(
        "/diary/sessions/new/",
        {
            "day": timezone.localdate().isoformat(),
            "reason": "planned",
            "adverse": "none",
            "spot1": QL,
            "tool1": "hammer",
            "minutes1": "5",
        },
    )
    assert wrong.status_code == 400
    assert "Choose a tool from the list." in wrong.content.decode()


def local_person_row():  # type: ignore[no-untyped-def]
    from knotwork.web.diary.access import local_person

    return local_person()


def test_what_helps_draws_relief_spot_by_spot_with_a_table_beside_it() -> None:
    c = local()
    owner = local_person_row()
    today = timezone.localdate()
    for n, (before, after, morning) in enumerate([(7, 4, 5), (6, 2, None)]):
        s = Session.objects.create(
            owner=owner,
            day=today - datetime.timedelta(days=n),
            pain_before=before,
            pain_after=after,
            pain_next_morning=morning,
        )
        SessionSpot.objects.create(session=s, trigger_point=QL, minutes=5)
    html = c.get("/diary/helps/").content.decode()
    chart = re.search(r'<svg class="chart relief-chart".*?</svg>', html, re.S)
    assert chart is not None
    assert 'role="img"' in chart.group(0)
    assert chart.group(0).count('class="before-dot"') == 1  # one spot, one row
    assert "<title>next morning: 5</title>" in chart.group(0)
    row = re.search(
        r"<tbody><tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", html.split("relief-h")[-1]
    )
    assert row is not None
    assert "Quadratus lumborum" in row.group(1)
    cells = re.findall(r"<td>([^<]*)</td>", row.group(2))
    assert cells[:3] == ["2", "6.5", "3.0"]
    assert cells[3].startswith("5.0 (1 of them)")


def test_a_finder_report_is_kept_as_a_dated_body_map_and_shown_over_time() -> None:
    c = local()
    query = f"r={LOW_BACK}&r=back.buttock.upper.right"
    results = c.get(f"/?{query}").content.decode()
    assert f'href="/diary/maps/new/?{query.replace("&", "&amp;")}"' in results
    confirm = c.get(f"/diary/maps/new/?{query}&r=no.such.region")
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert page.count("<svg") >= 1
    areas = re.findall(r"<li>([^<]+)</li>", page.split('class="areas"')[1].split("</ul>")[0])
    assert len(areas) == 2  # the two areas in words; the unknown one left out
    assert not PainMap.objects.exists()  # looking keeps nothing
    last_week = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    kept = c.post(
        "/diary/maps/new/", {"report": query, "day": last_week, "note": "after gardening"}
    )
    assert kept.status_code == 302
    (entry,) = PainMap.objects.all()
    assert entry.regions == [LOW_BACK, "back.buttock.upper.right"]
    assert entry.day.isoformat() == last_week
    # a week later only the low back
    c.post("/diary/maps/new/", {"report": f"r={LOW_BACK}", "day": timezone.localdate().isoformat()})
    html = c.get("/diary/maps/").content.decode()
    table = html.split('class="diary-table map-table"')[1].split("</table>")[0]
    heads = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert heads[1:] == [last_week, timezone.localdate().isoformat()]  # oldest first
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table)
    assert len(rows) == 2
    cells = {label: re.findall(r"(not marked|marked)", rest) for label, rest in rows}
    assert sorted(cells.values()) == [["marked", "marked"], ["marked", "not marked"]]
    assert "after gardening" in html
    # a report without marks keeps nothing and says so
    empty = c.post("/diary/maps/new/", {"report": "q=my+back", "day": last_week})
    assert empty.status_code == 400
    assert "marks no area" in empty.content.decode()
    assert PainMap.objects.count() == 2


def test_a_hosted_finder_offers_no_diary_link_and_sets_no_cookie() -> None:
    page = Client().get(f"/?r={LOW_BACK}")
    assert b"/diary/maps/new/" not in page.content
    assert not page.cookies


def test_an_import_with_an_unknown_body_region_names_the_entry(bob) -> None:  # type: ignore[no-untyped-def]
    from knotwork.web.kb import get_kb

    doc = {
        "format": "knotwork-diary",
        "version": 1,
        "pain_maps": [
            {"day": "2026-01-05", "regions": [LOW_BACK]},
            {"day": "2026-01-06", "regions": ["elbow.nowhere"]},
        ],
    }
    with pytest.raises(
        records.ImportError_, match=r"pain_maps\[2\]: no body region 'elbow.nowhere'"
    ):
        records.import_json(bob, doc, known_regions=get_kb().regions)
    assert not PainMap.objects.exists()
