"""What the benchmarks share: the result line, a production server in a temporary folder, wrk."""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
OPS = {"<": float.__lt__, "<=": float.__le__, ">": float.__gt__, ">=": float.__ge__}


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    op: str
    target: float

    @property
    def passed(self) -> bool:
        return OPS[self.op](float(self.value), float(self.target))

    def line(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        target = f"{self.op}{self.target:g}"
        return f"BENCH {self.name} {self.value:g} {self.unit} target {target} {verdict}"


def result(name: str, value: float, unit: str, op: str, target: float) -> Result:
    """Build a result and print its closing line."""
    outcome = Result(name, round(value, 2), unit, op, target)
    print(outcome.line(), flush=True)
    return outcome


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _multiplier(*args: str) -> list[str]:
    return [sys.executable, "-m", "multiplier.cli", *args]


@dataclass
class Server:
    host: str
    port: int
    env: dict[str, str]
    pid: int = 0  # the web server's main process

    def worker_pids(self) -> list[int]:
        """The main process's children: the web workers (Linux)."""
        found = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        return [int(pid) for pid in found]

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: str = ""
    ):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        connection.close()
        return response, content.decode("utf-8", "replace")


@contextmanager
def production_server(*, workers: int | None = None) -> Iterator[Server]:
    """`multiplier web` (granian, DEBUG off) on a free loopback port, with its own SQLite database
    in a temporary folder holding the demo organisation. Stopped (and the folder removed) after."""
    with tempfile.TemporaryDirectory(prefix="multiplier-bench-") as data:
        port = free_port()
        env = {
            **os.environ,
            "MULTIPLIER_DATA_DIR": data,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "0",
            "BIND": f"127.0.0.1:{port}",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        for step in (("setup",), ("demo",)):
            subprocess.run(_multiplier(*step), env=env, check=True, stdout=subprocess.DEVNULL)
        log = open(Path(data) / "web.log", "wb")  # noqa: SIM115 (closed below)
        # As installed: `multiplier web` writes no access log (see multiplier/cli.py).
        web = subprocess.Popen(
            _multiplier("web"),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = Server("127.0.0.1", port, env, web.pid)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if server.request("GET", "/healthz")[0].status == 200:
                        break
                except OSError:
                    pass
                if web.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    raise RuntimeError(
                        "the web server did not start:\n" + (Path(data) / "web.log").read_text()
                    )
                time.sleep(0.2)
            yield server
        finally:
            os.killpg(web.pid, signal.SIGTERM)
            web.wait(timeout=30)
            log.close()


def log_in(server: Server, email: str, password: str) -> str:
    """Log in through the real login form; returns the Cookie header of the session."""
    response, page = server.request("GET", "/accounts/login/")
    csrf_cookie = _cookie(response, "csrftoken")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response, _ = server.request(
        "POST",
        "/accounts/login/",
        headers={
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": server.base,
        },
        body=urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password}),
    )
    session = _cookie(response, "sessionid")
    if response.status != 302 or not session:
        raise RuntimeError(f"login as {email} failed: HTTP {response.status}")
    return f"sessionid={session}; csrftoken={csrf_cookie}"


def _cookie(response: http.client.HTTPResponse, name: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        key, _, rest = header.partition("=")
        if key.strip() == name:
            return rest.split(";", 1)[0]
    return ""


def apt_install(package: str) -> None:
    """Install Debian's `package` (we must be root; the package lists are updated only when the
    first attempt fails)."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError(f"{package} is missing: sudo apt-get install {package}")
    print(f"installing Debian's {package} ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", package]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run(install, env=env, check=True, capture_output=True)


def ensure_wrk() -> str:
    """wrk, from Debian's package (installed here if missing and we are root)."""
    found = shutil.which("wrk")
    if not found:
        apt_install("wrk")
        found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is missing: sudo apt-get install wrk")
    return found


@dataclass(frozen=True)
class Load:
    """What wrk measured for one URL."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int  # socket errors, timeouts and HTTP 4xx/5xx
    status_errors: int = 0  # of which HTTP 4xx/5xx

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def summary(self) -> str:
        return (
            f"{self.requests} requests in {self.seconds:.1f}s = {self.rps:.0f}/s, "
            f"p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, "
            f"errors {self.errors}"
        )


def wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    headers: dict[str, str] | None = None,
    prelude: Path | None = None,
    env: dict[str, str] | None = None,
) -> Load:
    """Load `url` from one wrk thread with `connections` open connections for `seconds`."""
    with wrk_running(
        url, seconds=seconds, connections=connections, headers=headers, prelude=prelude, env=env
    ) as process:
        output, _ = process.communicate()
    return parse_wrk(output)


@contextmanager
def wrk_running(
    url: str,
    *,
    seconds: int,
    connections: int,
    headers: dict[str, str] | None = None,
    prelude: Path | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen]:
    """wrk started in the background (read its output with `communicate()` and `parse_wrk`).
    `prelude`: a Lua file (e.g. a `request` function) put before the reporting script."""
    cmd = [ensure_wrk(), "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for key, value in (headers or {}).items():
        cmd += ["-H", f"{key}: {value}"]
    with tempfile.TemporaryDirectory(prefix="multiplier-wrk-") as folder:
        script = HERE / "_wrk_report.lua"
        if prelude:
            script = Path(folder) / "script.lua"
            script.write_text(prelude.read_text() + "\n" + (HERE / "_wrk_report.lua").read_text())
        cmd += ["-s", str(script), url]
        process = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.communicate(timeout=seconds + 30)
            if process.returncode:
                raise RuntimeError(f"wrk failed with exit code {process.returncode}")


def parse_wrk(output: str) -> Load:
    data = json.loads(output[output.index("{") :])
    errors = data["connect"] + data["read"] + data["write"] + data["timeout"] + data["status"]
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=errors,
        status_errors=data["status"],
    )


def page_against_healthz(
    server: Server,
    path: str,
    *,
    cookie: str,
    label: str,
    seconds: int,
    connections: int,
    warmup_seconds: int,
) -> tuple[Load, Load]:
    """(baseline, page): /healthz and then the logged-in `path` under the same load in the same
    run, after a warm-up in which every worker imports its code and fills its caches."""
    headers = {"Cookie": cookie}
    wrk(server.base + path, seconds=warmup_seconds, connections=connections, headers=headers)
    baseline = wrk(server.base + "/healthz", seconds=seconds, connections=connections)
    print(f"{'healthz':>8}: {baseline.summary()}", flush=True)
    page = wrk(server.base + path, seconds=seconds, connections=connections, headers=headers)
    print(f"{label:>8}: {page.summary()}", flush=True)
    return baseline, page


def page_results(name: str, label: str, page: Load, baseline: Load, p95_ms: float) -> list[Result]:
    """The page's cost relative to /healthz, its p95 result and, if any request failed, that."""
    print(
        f"{label} / healthz: p50 x{page.p50_ms / baseline.p50_ms:.1f}, "
        f"p95 x{page.p95_ms / baseline.p95_ms:.1f}, throughput x{page.rps / baseline.rps:.2f}"
    )
    results = [result(f"{name}_p95_ms", page.p95_ms, "ms", "<", p95_ms)]
    if page.errors or baseline.errors:
        results.append(result(f"{name}_errors", page.errors + baseline.errors, "requests", "<=", 0))
    return results
