"""The click spool: one complete line per hit, in an hourly file per process, that survives the
process being killed right after the write."""

from __future__ import annotations

import os
import signal
import time
from datetime import date

from multiplier.tracking.spool import Hit, Spool, hour_of


def hit(link_id: int = 1, at: float | None = None, human: bool = True) -> Hit:
    return Hit(link_id, at or time.time(), date(2026, 12, 6), human, "ab" * 16 if human else "")


def test_a_line_round_trips_and_holds_no_address_or_agent(tmp_path):
    original = hit(42, at=1_765_000_000.25)
    spool = Spool(tmp_path)
    spool.append(original)
    spool.append(hit(43, at=1_765_000_001, human=False))
    (name,) = os.listdir(tmp_path)
    lines = (tmp_path / name).read_bytes().splitlines(keepends=True)
    assert len(lines) == 2 and all(line.endswith(b"\n") for line in lines)
    assert Hit.parse(lines[0]) == original
    assert Hit.parse(lines[1]).human is False
    assert lines[0].decode().split("\t") == [
        "42",
        "1765000000.250",
        "2026-12-06",
        "h",
        "ab" * 16 + "\n",
    ]


def test_a_new_file_each_hour_and_per_process(tmp_path):
    spool = Spool(tmp_path)
    spool.append(hit(at=1_765_000_000))
    spool.append(hit(at=1_765_000_000 + 3600))
    names = sorted(os.listdir(tmp_path))
    assert [hour_of(n) for n in names] == ["2025120605", "2025120606"]
    assert all(n.endswith(f"-{os.getpid()}.log") for n in names)


def test_a_written_hit_survives_kill_9_of_its_process(tmp_path):
    spool = Spool(tmp_path)
    spool.append(hit(1))  # the parent's file is open before the fork
    child = os.fork()
    if child == 0:  # the child: write, then die at once (no flushing, no clean-up)
        spool.append(hit(2))
        os.kill(os.getpid(), signal.SIGKILL)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    files = {name.rsplit("-", 1)[1]: tmp_path / name for name in os.listdir(tmp_path)}
    # The child wrote to its own file (a file has one writer), and its line is complete there.
    child_file = files[f"{child}.log"]
    assert [Hit.parse(line).link_id for line in child_file.read_bytes().splitlines()] == [2]
    assert [
        Hit.parse(x).link_id for x in files[f"{os.getpid()}.log"].read_bytes().splitlines()
    ] == [1]
