"""`knotwork serve`: the web app on this machine (migrations, a free port, gunicorn)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from knotwork.cli.common import _kb, console


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Keep 127.0.0.1 to stay private to this computer.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Gunicorn worker processes.",
)
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Start the web app: apply migrations to the local database, then run gunicorn."""
    import os

    kb_dir = ctx.find_root().params.get("kb_dir")
    _kb(ctx)  # a knowledge base with problems stops here, each problem named
    if kb_dir:
        os.environ["KNOTWORK_KB_DIR"] = str(Path(kb_dir).resolve())  # the one served
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
    if host not in ("127.0.0.1", "localhost", "::1") and "KNOTWORK_ALLOWED_HOSTS" not in os.environ:
        os.environ["KNOTWORK_ALLOWED_HOSTS"] = ",".join(_host_names(host))
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(f"a setting is wrong: {exc}") from None
    _check_port(host, port)
    with _migrate_lock():
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # allauth's rate limits
    from gunicorn.app.base import BaseApplication

    from knotwork.web.wsgi import application

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            # threads: a request sent slowly holds one thread, not a whole worker, and a
            # connection that sends nothing is dropped after the timeout (docs/deploy.md)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 8)
            self.cfg.set("timeout", 30)
            self.cfg.set("keepalive", 5)
            self.cfg.set("limit_request_line", 8190)
            self.cfg.set("limit_request_fields", 100)
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")
            self.cfg.set("preload_app", True)  # load the knowledge base once, then fork

        def load(self) -> Any:
            return application

    shown = f"[{host}]" if ":" in host else host
    console.print(f"Knotwork is running at [bold]http://{shown}:{port}/[/]  (Ctrl+C to stop)")
    Server().run()


def _host_names(host: str) -> list[str]:
    """The names a browser may use to reach this server: for 0.0.0.0 or :: (every
    address), this machine's names and addresses, never the literal "0.0.0.0"."""
    import socket

    names = ["127.0.0.1", "localhost", "[::1]"]
    if host not in ("0.0.0.0", "::"):
        return [*names, f"[{host}]" if ":" in host else host]
    machine = {socket.gethostname(), socket.getfqdn()}
    for name in list(machine):
        try:
            for info in socket.getaddrinfo(name, None):
                machine.add(str(info[4][0]))
        except OSError:
            continue
    return names + sorted(f"[{n}]" if ":" in n else n for n in machine if n)


def _check_port(host: str, port: int) -> None:
    """Say plainly when the port is taken, before gunicorn fails with tracebacks."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.ClickException(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}): another program is "
                f"using the port. Choose another with: knotwork serve --port {port + 1}"
            ) from None


@contextlib.contextmanager
def _migrate_lock() -> Iterator[None]:
    """One migration at a time on one data folder: first starts may run side by side."""
    from django.conf import settings

    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".migrate.lock", "w", encoding="utf-8") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # Windows: one local person, one start at a time
            pass
        yield
