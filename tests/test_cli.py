"""`multiplier run`: web, worker and scheduler start together and one Ctrl-C stops all of them.

Runs the real command as a child process, on SQLite in a temporary data folder and a free port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

STARTUP_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _descendants(root: int) -> dict[int, str]:
    """Every living process below `root`, with its command line."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rpartition(")")[2].split()[1]
                )
            except (FileNotFoundError, ProcessLookupError):
                continue
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found and _alive(pid):
                try:
                    found[pid] = (
                        Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                    )
                except FileNotFoundError:
                    continue
                frontier.append(pid)
    return found


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _wait_for(condition, what: str, timeout: float = STARTUP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def command_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "MULTIPLIER_DATA_DIR": str(tmp_path / "data"), "DEBUG": "1"}
    env.pop("DATABASE_URL", None)  # never the developer's (or CI's) PostgreSQL database
    subprocess.run(
        [sys.executable, "-m", "multiplier.cli", "migrate", "--no-input", "--verbosity", "0"],
        env=env,
        check=True,
    )
    return env


def test_run_starts_web_worker_and_scheduler_and_ctrl_c_stops_them_all(command_env, tmp_path):
    port = _free_port()
    log_path = tmp_path / "run.log"
    with log_path.open("wb") as log:
        # A session of its own, like a terminal's foreground job: Ctrl-C goes to the whole group.
        # Started with SIGINT ignored, as a shell script's background job (`make run &`) is: the
        # children must still stop on Ctrl-C.
        run = subprocess.Popen(
            [sys.executable, "-m", "multiplier.cli", "run", f"127.0.0.1:{port}"],
            env=command_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_ignore_sigint,
        )
    try:
        _wait_for(lambda: _healthy(f"http://127.0.0.1:{port}/healthz"), "the web server")
        _wait_for(
            lambda: all(
                text in log_path.read_text()
                for text in ("Starting worker", "Scheduler running", "Multiplier runs on")
            ),
            "the worker, the scheduler and the announcement",
        )
        children = _descendants(run.pid)
        commands = " | ".join(children.values())
        for part in ("runserver", "worker", "scheduler"):
            assert f"multiplier.cli {part}" in commands

        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        assert run.wait(timeout=30) == 0
        _wait_for(
            lambda: not any(_alive(pid) for pid in children),
            "every child process to exit",
            timeout=15,
        )
    finally:
        if run.poll() is None:  # the test failed half-way: leave nothing running
            for pid in _descendants(run.pid):
                os.kill(pid, signal.SIGKILL)
            run.kill()
            run.wait()

    output = log_path.read_text()
    assert f"http://127.0.0.1:{port}/" in output
    assert "ambassador@noorderlicht.example" in output  # the demo logins
    assert "Multiplier stopped." in output
