"""The `multiplier` command.

multiplier run         web server + worker + scheduler together (Ctrl-C stops all three)
multiplier web         the production web server (granian)
multiplier worker      the background worker (runs queued tasks)
multiplier scheduler   enqueues periodic work; safe to run on several machines at once
multiplier setup       compile translations, migrate, create the cache table, collect static
                       files (run it after every upgrade)
multiplier demo        create (or refresh) the demo organisation
multiplier <other>     any Django management command (e.g. createsuperuser)
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import NoReturn

DJANGO_SETTINGS = "multiplier.settings"


def _manage(args: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["multiplier", *args])


def _self(*args: str) -> list[str]:
    """This command, run as a child process with the same interpreter."""
    return [sys.executable, "-m", "multiplier.cli", *args]


def run_all(host: str, port: int) -> int:
    """Start web, worker and scheduler; stop all of them when one stops or on Ctrl-C.

    Each child runs in its own process group, so that stopping it also reaches the processes it
    started itself (runserver's and the worker's auto-reloaders run the real server in a child).
    This process is the only one that receives Ctrl-C from the terminal and passes it on.
    """
    os.environ.setdefault("DEBUG", "1")  # the all-in-one is for one machine, over plain HTTP

    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    # Installed before the children start: a handled signal is reset to its default in a child,
    # whereas an ignored one (a shell's background job ignores SIGINT) would stay ignored.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)
    children = {
        name: subprocess.Popen(_self(*args), process_group=0)
        for name, args in {
            "web": ("runserver", f"{host}:{port}"),
            "worker": ("worker",),
            "scheduler": ("scheduler",),
        }.items()
    }
    exit_code = 0
    announced = False
    while not stopping:
        for name, child in children.items():
            if child.poll() is not None:
                print(f"{name} stopped (exit code {child.returncode}); stopping the others.")
                exit_code = child.returncode or 1
                stopping = True
        if not announced and not stopping and _accepts_connections(host, port):
            # Once the server listens, so the address and logins come after its start-up chatter.
            _announce(f"http://{host}:{port}/")
            announced = True
        time.sleep(0.2)
    _stop_children(list(children.values()))
    print("Multiplier stopped.", flush=True)
    return exit_code


def _accepts_connections(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _announce(url: str) -> None:
    from multiplier.demo.data import login_banner  # plain constants; no Django set-up needed

    print(f"\n  Multiplier runs on {url}  (web, worker and scheduler; Ctrl-C stops all)\n")
    print(login_banner(), flush=True)


def _signal_group(child: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group has already gone
        os.killpg(child.pid, sig)


def _stop_children(children: list[subprocess.Popen], grace: float = 10.0) -> None:
    """Ctrl-C to every child's group; whatever is still there after `grace` seconds is killed."""
    for child in children:
        _signal_group(child, signal.SIGINT)
    deadline = time.monotonic() + grace
    for child in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
    for child in children:
        # Also reaches a reloader's server process whose parent has already exited.
        _signal_group(child, signal.SIGKILL)
        child.wait()


def web(args: Sequence[str]) -> NoReturn:
    """granian (WSGI) with the defaults we measured; any granian option can be added.

    Why granian and not gunicorn: the tracked-link redirector answers about ten times as many
    requests per second under granian (its HTTP handling is in Rust and keeps connections
    alive) as under gunicorn's sync workers, with the same code (docs/benchmarks.md, redirect).
    No access log by default: it would hold the IP address of everyone who clicks a tracked
    link, which this product promises never to store (the TLS proxy logs requests if wanted).
    granian replaces this process (exec), so a process manager's signals reach it directly.
    """
    host, _, port = os.environ.get("BIND", "127.0.0.1:8000").rpartition(":")
    # 2 x CPUs + 1 single-threaded processes: a slow page holds up one of them, not a CPU's share
    # (org_home's p95 was 64 ms with 5 workers on 2 CPUs, 98 ms with 2; the redirector did as
    # well or better with 5).
    workers = os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1))
    cmd = [
        sys.executable, "-m", "granian", "--interface", "wsgi",
        "--host", host.strip("[]") or "127.0.0.1", "--port", port,
        # One Python thread per worker process (no contention for the interpreter lock), and
        # at most 16 requests inside a worker at once: the rest wait in granian's queue, which
        # measured the lowest tail latency under load.
        "--workers", workers, "--blocking-threads", "1",
        "--backpressure", os.environ.get("WEB_BACKPRESSURE", "16"),
        "--respawn-failed-workers", "--respawn-interval", "0.5",
        "--no-ws", "--no-access-log",
        *args, "multiplier.wsgi:application",
    ]  # fmt: skip
    sys.stdout.flush()
    os.execv(sys.executable, cmd)


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
        web(rest)
    if command == "worker":
        _manage(["db_worker", *rest])
        return 0
    if command == "setup":
        from multiplier.i18n import compile_catalogues

        compile_catalogues()
        _manage(["migrate", "--no-input", *rest])
        _manage(["createcachetable"])
        # The production web server (DEBUG off) serves static files that whitenoise finds here.
        _manage(["collectstatic", "--no-input", "--verbosity", "0"])
        return 0
    _manage([command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
