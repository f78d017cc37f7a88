"""The summary for a clinician: a page to read and the same as a PDF, private like the rest."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from knotwork.web.diary.access import local_person
from knotwork.web.diary.models import DailyRating, InstrumentResponse, PainMap, Session, SessionSpot

pytestmark = pytest.mark.django_db

QL = "quadratus_lumborum/deep_upper"
GMED = "gluteus_medius/tp1_posterior"
NOTE = "slept-badly-after-the-long-drive-4c1e"


def local() -> Client:
    return Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.0.0.1")


def twelve_weeks() -> None:
    """Twelve weeks: pain 7 for the first two, 4 for the last two; QL sessions twice a week."""
    owner = local_person()
    today = timezone.localdate()
    for n in range(84):
        day = today - datetime.timedelta(days=83 - n)
        pain = 7 if n < 14 else 4 if n >= 70 else 5
        DailyRating.objects.create(
            owner=owner, day=day, pain_average=pain, note=NOTE if n == 80 else ""
        )
        if n % 7 in (1, 4):
            s = Session.objects.create(
                owner=owner,
                day=day,
                reason="flare" if n % 7 == 1 else "planned",
                adverse="bruising" if n == 22 else "none",
            )
            SessionSpot.objects.create(
                session=s,
                trigger_point=QL,
                side="right",
                tool="ball_wall",
                minutes=3,
                recognised="yes",
            )
    InstrumentResponse.objects.create(
        owner=owner,
        instrument="odi",
        version="2.1a",
        day=today - datetime.timedelta(days=60),
        total=40,
        typed_total=True,
    )
    InstrumentResponse.objects.create(
        owner=owner, instrument="odi", version="2.1a", day=today, total=22, typed_total=True
    )
    PainMap.objects.create(owner=owner, day=today, regions=["back.sacroiliac.right"])


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_page_sums_up_the_period_and_keeps_nothing_in_the_browser() -> None:
    twelve_weeks()
    page = local().get("/diary/summary/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    assert "Average pain was 7.0 in the first two weeks and 4.0 in the last two: down 3.0" in html
    assert "Rated on 84 of 84 days; 24 self-treatment sessions on 24 days." in html
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)<br><span class="hint">([^<]+)</span></th>(.*?)</tr>', html
    )
    assert len(rows) == 1
    name, ref, cells = rows[0]
    assert "Quadratus lumborum" in name
    assert ref == QL
    assert re.findall(r"<td>([^<]*)</td>", cells) == [
        "24",
        "72.0",
        "right",
        "tennis or lacrosse ball against a wall",
        "24 times",
    ]
    assert "a flare-up 12; planned 12" in html
    assert "bruising (Quadratus lumborum" in html
    assert "Oswestry Disability Index (score entry): down 18 points; 10 points or 30% is" in html
    assert "1 body map kept in the period." in html
    assert NOTE not in html  # notes only when asked for, and only in the PDF form's choice
    weeks = html.split("Pain week by week</caption>")[1].split("</table>")[0]
    assert weeks.count('<th scope="row" class="nowrap">') == 12


def test_a_shorter_period_shows_less_and_a_made_up_one_says_what_is_offered() -> None:
    twelve_weeks()
    c = local()
    four = c.get("/diary/summary/?weeks=4").content.decode()
    assert "Rated on 28 of 28 days" in four
    assert "Average pain was 5.0 in the first two weeks and 4.0" in four
    bad = c.get("/diary/summary/?weeks=7")
    assert bad.status_code == 400
    assert "Choose a period of 4, 12, 26 or 52 weeks." in bad.content.decode()
    assert c.get("/diary/summary/?weeks=abc").status_code == 400


def test_an_empty_diary_gets_a_summary_that_says_so() -> None:
    html = local().get("/diary/summary/").content.decode()
    assert "Rated on 0 of 84 days" in html
    assert "Too few ratings to compare" in html
    assert "No sessions logged in the period." in html
    assert "No body map kept in the period." in html


def test_the_pdf_prints_the_name_in_the_body_never_in_the_file_name() -> None:
    twelve_weeks()
    answer = local().post("/diary/summary/", {"weeks": "12", "name": "Ana Example"})
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    disposition = answer["Content-Disposition"]
    assert disposition == (
        f'attachment; filename="knotwork-diary-summary-{timezone.localdate()}.pdf"'
    )
    text = _pdf_text(answer.content)
    assert "Pain diary summary: Ana Example" in text
    assert "down 3.0" in text
    assert "Quadratus lumborum" in text
    assert NOTE not in text
    assert "not a diagnosis" in text


def test_the_pdf_has_the_notes_only_when_asked() -> None:
    twelve_weeks()
    c = local()
    with_notes = c.post("/diary/summary/", {"weeks": "12", "notes": "1"})
    assert NOTE in _pdf_text(with_notes.content).replace("\n", "")
    without = c.post("/diary/summary/", {"weeks": "12"})
    assert NOTE not in _pdf_text(without.content).replace("\n", "")


def test_a_bad_pdf_request_says_why_and_keeps_what_was_typed() -> None:
    c = local()
    long = c.post("/diary/summary/", {"weeks": "12", "name": "x" * 121})
    assert long.status_code == 400
    assert "A name to print is at most 120 characters." in long.content.decode()
    odd = c.post("/diary/summary/", {"weeks": "9", "name": "Ana Example", "notes": "1"})
    assert odd.status_code == 400
    html = odd.content.decode()
    assert 'value="Ana Example"' in html
    assert 'name="notes" value="1" checked' in html
