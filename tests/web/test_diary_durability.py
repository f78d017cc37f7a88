"""kill -9 of the server during a burst of diary writes loses no answered entry."""

from __future__ import annotations

import datetime
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_kill_9_mid_burst_loses_no_answered_rating(tmp_path: Path) -> None:
    exe = shutil.which("knotwork", path=str(Path(sys.executable).parent))
    assert exe
    port = _free_port()
    env = {**os.environ, "KNOTWORK_DATA_DIR": str(tmp_path)}
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "KNOTWORK_KB_DIR", "KNOTWORK_DATABASE_URL"):
        env.pop(name, None)
    server = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # kill -9 reaches gunicorn's master and workers
    )
    base = f"http://127.0.0.1:{port}"
    answered: list[str] = []
    lock = threading.Lock()
    try:
        page = ""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(150):
            try:
                page = opener.open(base + "/diary/", timeout=3).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "the diary page did not come up"
        today = datetime.date.today()
        days = [(today - datetime.timedelta(days=n)).isoformat() for n in range(300)]

        def writer(chunk: list[str]) -> None:
            for day in chunk:
                body = urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": token.group(1), "day": day, "pain_average": "4"}
                ).encode()
                request = urllib.request.Request(
                    base + "/diary/", data=body, headers={"Referer": base + "/diary/"}
                )
                try:
                    with opener.open(request, timeout=5) as response:
                        ok = response.status == 200 and "saved=" in response.url
                except (OSError, urllib.error.HTTPError):
                    return  # the server is gone
                if ok:
                    with lock:
                        answered.append(day)

        threads = [threading.Thread(target=writer, args=(days[i::4],)) for i in range(4)]
        for t in threads:
            t.start()
        while len(answered) < 40 and any(t.is_alive() for t in threads):
            time.sleep(0.01)
        os.killpg(server.pid, signal.SIGKILL)
        for t in threads:
            t.join(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    assert len(answered) >= 40
    assert len(answered) < len(days), "the kill came after the burst: nothing was tested"
    db = sqlite3.connect(tmp_path / "knotwork.sqlite3")
    saved = {row[0] for row in db.execute("SELECT day FROM diary_dailyrating")}
    db.close()
    assert set(answered) <= saved
