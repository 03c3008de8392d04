"""The tracked-link redirector against nginx's static `return 302`, on loopback, in one run.

Both servers are loaded by wrk (one thread, 64 connections) for the same time: nginx (Debian's
package, its default of one worker process per CPU, access log off) answering every `/r/...` with
a fixed `return 302`, then the production web server (`multiplier web`, DEBUG off, SQLite) with
100,000 tracked links, each request a code drawn at random, with a real browser's User-Agent so
that every request is a human click. nginx is what a redirect costs with no application at all,
so the ratio says how close the redirector comes to free, whatever the machine.

Then every click must be in the database: the spool is read in (as the worker does) and the human
clicks stored are compared with the 302s wrk received. A second load kills one web worker with
SIGKILL half-way through; afterwards again every answered click must be stored (requests in flight
in the killed worker get no answer, so they are not "answered").
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from bench._common import (
    HERE,
    Load,
    Result,
    apt_install,
    free_port,
    machine,
    parse_wrk,
    production_server,
    result,
    wrk_running,
)
from bench._common import wrk as run_wrk
from bench._redirect_data import step

LINKS = 100_000
CONNECTIONS = 64
SECONDS = 10
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
TARGET_RATIO = 0.10
TARGET_P99_MS = 50.0
NGINX_CONF = """
daemon off;
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location /r/ {{ return 302 https://example.org/articles/1?ref=bench; }}
    }}
}}
"""


def run() -> list[Result]:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="multiplier-redirect-") as folder:
        codes = Path(folder) / "codes.txt"
        # Every load: a random known code per request, with a browser's User-Agent.
        random_codes = {
            "connections": CONNECTIONS,
            "headers": {"User-Agent": BROWSER},
            "prelude": HERE / "_wrk_random_codes.lua",
            "env": {"CODES_FILE": str(codes)},
        }
        with production_server() as server:
            step(server, "links", str(LINKS), str(codes))
            print(f"{LINKS} tracked links; server: multiplier web on {server.base}", flush=True)
            url = server.base + "/"

            with nginx(Path(folder)) as nginx_base:
                run_wrk(nginx_base + "/", seconds=2, **random_codes)
                baseline = run_wrk(nginx_base + "/", seconds=SECONDS, **random_codes)
            _show("nginx", baseline)

            run_wrk(url, seconds=3, **random_codes)  # warm-up: workers start, caches fill
            before = int(step(server, "humans"))
            load = _show("redirector", run_wrk(url, seconds=SECONDS, **random_codes))
            after = int(step(server, "humans"))
            answered = load.requests - load.status_errors
            stored = after - before
            print(f"redirector: {answered} clicks answered with 302, {stored} stored", flush=True)

            # The same again, with one web worker killed (SIGKILL) half-way.
            victim = server.worker_pids()[0]
            with wrk_running(url, seconds=SECONDS, **random_codes) as process:
                time.sleep(SECONDS / 2)
                os.kill(victim, signal.SIGKILL)
                output, _ = process.communicate()
            killed = _show("with kill -9", parse_wrk(output))
            after_kill = int(step(server, "humans"))
            answered_kill = killed.requests - killed.status_errors
            stored_kill = after_kill - after
            print(
                f"with kill -9 of worker {victim}: {answered_kill} answered with 302, "
                f"{stored_kill} stored",
                flush=True,
            )

    ratio = load.rps / baseline.rps
    print(f"redirector / nginx: throughput x{ratio:.3f}, p50 x{load.p50_ms / baseline.p50_ms:.1f}")
    return [
        result("redirect_vs_nginx", ratio, "ratio", ">=", TARGET_RATIO),
        result("redirect_rps", load.rps, "req/s", ">", 0),
        result("redirect_p99_ms", load.p99_ms, "ms", "<", TARGET_P99_MS),
        result("clicks_lost", max(0, answered - stored), "clicks", "<=", 0),
        result("clicks_lost_after_kill9", max(0, answered_kill - stored_kill), "clicks", "<=", 0),
    ]


def _show(label: str, load: Load) -> Load:
    print(f"{label:>12}: {load.summary()}", flush=True)
    return load


class nginx:
    """Debian's nginx on a free loopback port with a configuration of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "nginx"
        self.port = free_port()

    def __enter__(self) -> str:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            apt_install("nginx-light")
        self.folder.mkdir()
        conf = self.folder / "nginx.conf"
        conf.write_text(NGINX_CONF.format(folder=self.folder, port=self.port))
        self.process = subprocess.Popen(
            [binary, "-c", str(conf), "-p", str(self.folder), "-e", str(self.folder / "error.log")],
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while not _listening(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "nginx did not start: " + (self.folder / "error.log").read_text()
                )
            time.sleep(0.1)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        os.killpg(self.process.pid, signal.SIGQUIT)
        self.process.wait(timeout=30)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
