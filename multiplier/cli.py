"""The `multiplier` command.

multiplier run         web server + worker + scheduler together (Ctrl-C stops all three)
multiplier web         the production web server (gunicorn)
multiplier worker      the background worker (runs queued tasks)
multiplier scheduler   enqueues periodic work; safe to run on several machines at once
multiplier setup       migrate the database and create the cache table
multiplier demo        create (or refresh) the demo organisation
multiplier <other>     any Django management command (e.g. createsuperuser)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence

DJANGO_SETTINGS = "multiplier.settings"


def _manage(args: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["multiplier", *args])


def _self(*args: str) -> list[str]:
    """This command, run as a child process with the same interpreter."""
    return [sys.executable, "-m", "multiplier.cli", *args]


def run_all(host: str, port: int) -> int:
    """Start web, worker and scheduler; stop all of them when one stops or on Ctrl-C."""
    os.environ.setdefault("DEBUG", "1")  # the all-in-one is for one machine, over plain HTTP
    children = {
        "web": subprocess.Popen(_self("runserver", f"{host}:{port}")),
        "worker": subprocess.Popen(_self("worker")),
        "scheduler": subprocess.Popen(_self("scheduler")),
    }
    url = f"http://{host}:{port}/"
    print(f"\n  Multiplier is starting on {url}  (web, worker and scheduler; Ctrl-C stops all)\n")
    from multiplier.demo.data import login_banner  # plain constants; no Django set-up needed

    print(login_banner(), flush=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    try:
        while True:
            for name, child in children.items():
                if child.poll() is not None:
                    print(f"{name} stopped (exit code {child.returncode}); stopping the others.")
                    exit_code = child.returncode or 1
                    raise KeyboardInterrupt
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 10
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    return exit_code


def web(args: Sequence[str]) -> int:
    """gunicorn with the defaults we measured; any gunicorn option can be added."""
    bind = os.environ.get("BIND", "127.0.0.1:8000")
    workers = os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1))
    cmd = [
        sys.executable, "-m", "gunicorn", "multiplier.wsgi:application",
        "--bind", bind, "--workers", workers, "--access-logfile", "-",
        *args,
    ]  # fmt: skip
    return subprocess.call(cmd)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = args[0], args[1:]
    if command == "run":
        host, port = "127.0.0.1", 8000
        if rest:
            host, _, port_text = rest[0].rpartition(":")
            host, port = host or "127.0.0.1", int(port_text)
        return run_all(host, port)
    if command == "web":
        return web(rest)
    if command == "worker":
        _manage(["db_worker", *rest])
        return 0
    if command == "setup":
        from multiplier.i18n import compile_catalogues

        compile_catalogues()
        _manage(["migrate", "--no-input", *rest])
        _manage(["createcachetable"])
        return 0
    _manage([command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
