"""Settings read from the environment: the local secret key, and bad values."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def _settings(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KNOTWORK_")}
    clean.update({"KNOTWORK_DATA_DIR": str(data_dir), **env})
    return subprocess.run(
        [sys.executable, "-c", "import knotwork.web.settings as s; print(len(s.SECRET_KEY))"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_local_secret_key_is_private_from_the_start_and_kept(tmp_path: Path) -> None:
    done = _settings(tmp_path)
    assert done.returncode == 0, done.stderr
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first = key_file.read_text(encoding="utf-8")
    assert len(first) >= 50
    assert _settings(tmp_path).returncode == 0
    assert key_file.read_text(encoding="utf-8") == first  # kept, not made again
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".secret_key.")]


def test_an_empty_secret_key_file_is_replaced(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text("  \n", encoding="utf-8")
    done = _settings(tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(key_file.read_text(encoding="utf-8").strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("KNOTWORK_DEBUG", "maybe", "KNOTWORK_DEBUG must be true or false"),
        ("KNOTWORK_HSTS_SECONDS", "1y", "KNOTWORK_HSTS_SECONDS must be a whole number"),
    ],
)
def test_a_bad_setting_stops_serve_with_one_clear_line(
    tmp_path: Path, name: str, value: str, says: str
) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KNOTWORK_")}
    clean.update({"KNOTWORK_DATA_DIR": str(tmp_path), name: value, "KNOTWORK_HTTPS": "true"})
    done = subprocess.run(
        [sys.executable, "-c", "from knotwork.cli import main; main()", "serve", "--port", "1"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode != 0
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_each_request_is_answered_in_its_own_language(client) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Accept-Language" in response.get("Vary", "")
