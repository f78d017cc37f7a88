"""`knotwork serve` as a person runs it: a real gunicorn on a free port."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import pytest

from knotwork.cli.serve import _check_port, _host_names
from tests.fixture_kb import write_kb

CLI = [sys.executable, "-c", "from knotwork.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(tmp_path: Path, *args: str) -> Iterator[int]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KNOTWORK_")}
    env["KNOTWORK_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.Popen(
        [*CLI, *args, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stderr.read().decode()) from None  # type: ignore[union-attr]
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_serves_the_knowledge_base_it_was_given(tmp_path: Path) -> None:
    kb_dir = write_kb(tmp_path / "kb")
    with _server(tmp_path, "--kb-dir", str(kb_dir)) as port:
        url = f"http://127.0.0.1:{port}/api/v1/muscles"
        with urllib.request.urlopen(url, timeout=10) as r:
            muscles = {m["id"] for m in json.load(r)}
    assert muscles == {p.stem for p in (kb_dir / "muscles").glob("*.yaml")}


def test_two_half_sent_requests_do_not_stop_the_server(tmp_path: Path) -> None:
    """A slow client holds one thread, not the worker: the server still answers."""
    with _server(tmp_path) as port:
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
        try:
            for s in slow:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            started = time.monotonic()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as r:
                assert r.status == 200
            assert time.monotonic() - started < 10
        finally:
            for s in slow:
                s.close()


def test_serve_with_a_broken_knowledge_base_names_the_problem(tmp_path: Path) -> None:
    kb_dir = write_kb(tmp_path / "kb")
    (kb_dir / "muscles" / "beta.yaml").write_text("muscle: [unclosed\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KNOTWORK_")}
    env["KNOTWORK_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [*CLI, "--kb-dir", str(kb_dir), "serve", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "muscles/beta.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_taken_port_is_said_plainly() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with pytest.raises(click.ClickException) as caught:
            _check_port("127.0.0.1", port)
    assert "another program is using the port" in caught.value.message
    assert f"--port {port + 1}" in caught.value.message


def test_every_address_never_puts_0_0_0_0_in_allowed_hosts() -> None:
    names = _host_names("0.0.0.0")
    assert "0.0.0.0" not in names
    assert socket.gethostname() in names
    assert "localhost" in names
    assert _host_names("192.168.1.20")[-1] == "192.168.1.20"


def test_serve_migrates_and_serves(tmp_path: Path) -> None:
    exe = shutil.which("knotwork", path=str(Path(sys.executable).parent))
    assert exe
    port = _free_port()
    env = {**os.environ, "KNOTWORK_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("KNOTWORK_KB_DIR", None)
    env.pop("KNOTWORK_DATABASE_URL", None)  # the local default: SQLite in the data folder
    proc = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "Where does it hurt?" in body
        assert (tmp_path / "knotwork.sqlite3").exists()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out


def test_first_starts_side_by_side_on_one_data_folder_all_migrate(tmp_path: Path) -> None:
    """Four first starts at once: the migration lock lets each finish, none crashes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KNOTWORK_")}
    env["KNOTWORK_DATA_DIR"] = str(tmp_path)
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='knotwork.web.settings';"
        "django.setup(); from django.core.management import call_command;"
        "from knotwork.cli.serve import _migrate_lock\n"
        "with _migrate_lock(): call_command('migrate', interactive=False, verbosity=0)"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(rc == 0 for rc, _err in results), results
