"""The database the suite runs on: SQLite by default, PostgreSQL under KNOTWORK_TEST_DB."""

from __future__ import annotations

import os
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.utils import timezone

from knotwork.web.diary.models import DailyRating, Session, SessionSpot
from knotwork.web.settings import database_from_url


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_it_was_asked_for() -> None:
    wanted = "postgresql" if os.environ.get("KNOTWORK_TEST_DB") == "postgres" else "sqlite"
    assert connection.vendor == wanted
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)


def test_a_database_url_becomes_django_settings() -> None:
    db = database_from_url("postgresql://me:s%40cret@db.example:6543/clinic?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "me",
        "s@cret",
        "db.example",
        "6543",
        "clinic",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
    sock = database_from_url("postgresql://me@/clinic?host=/run/postgresql")
    assert (sock["HOST"], sock["OPTIONS"]) == ("/run/postgresql", {})


@pytest.mark.django_db(transaction=True)
def test_two_tabs_writing_at_once_lose_nothing() -> None:
    owner = get_user_model().objects.create_user("tabs")
    errors: list[BaseException] = []

    def tab(n: int) -> None:
        try:
            for i in range(15):
                s = Session.objects.create(owner=owner, day=timezone.localdate(), note=f"{n}-{i}")
                SessionSpot.objects.create(session=s, trigger_point="a/b", minutes=2)
                DailyRating.objects.update_or_create(
                    owner=owner, day=timezone.localdate(), defaults={"pain_average": i % 11}
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Session.objects.filter(owner=owner).count() == 30
    assert SessionSpot.objects.filter(session__owner=owner).count() == 30
    assert DailyRating.objects.filter(owner=owner).count() == 1
