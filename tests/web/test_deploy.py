"""`manage.py check --deploy` is clean for production settings (HTTPS, a real secret)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_check_deploy_is_clean(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "KNOTWORK_HTTPS": "true",
        "KNOTWORK_DEBUG": "false",
        "KNOTWORK_SECRET_KEY": "x" * 20 + "a-long-random-secret-for-the-check-0123456789",
        "KNOTWORK_ALLOWED_HOSTS": "knotwork.example",
        "KNOTWORK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "knotwork.web.settings",
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "knotwork.web.manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_a_database_url_that_is_not_postgresql_is_refused_in_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "KNOTWORK_DATABASE_URL": "mysql://me@db/knotwork",
        "KNOTWORK_DATA_DIR": str(tmp_path),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "knotwork.web.manage", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode != 0
    assert "KNOTWORK_DATABASE_URL must start with postgresql://" in proc.stderr
