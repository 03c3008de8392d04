"""The click spool: each web process appends one line per hit to its own hourly file.

Why a file and not a database INSERT per click: the redirector must stay fast and must not queue
behind the database's write lock (one writer at a time on SQLite). A line appended with one
`os.write` on a file opened with O_APPEND is in the operating system's page cache when the call
returns, so it survives the process being killed (kill -9) right after answering; only a crash
of the whole machine before the kernel writes it out could lose it. The worker reads complete
lines into the database (`services.clicks.clicks_ingest`) and deletes files it has finished.

A line: link id, Unix time, day (the organisation's date), `h` (human) or `b` (bot), visitor
hash (empty for bots), separated by tabs. No IP address, no User-Agent.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

PREFIX = "clicks-"
SUFFIX = ".log"


@dataclass(frozen=True, slots=True)
class Hit:
    link_id: int
    at: float  # Unix time
    day: date
    human: bool
    visitor: str

    def line(self) -> bytes:
        kind = "h" if self.human else "b"
        fields = (str(self.link_id), f"{self.at:.3f}", self.day.isoformat(), kind, self.visitor)
        return ("\t".join(fields) + "\n").encode()

    @classmethod
    def parse(cls, line: bytes) -> Hit:
        link_id, at, day, kind, visitor = line.decode().rstrip("\n").split("\t")
        if kind not in {"h", "b"}:
            raise ValueError(f"unknown kind {kind!r}")
        return cls(int(link_id), float(at), date.fromisoformat(day), kind == "h", visitor)


def hour_of(name: str) -> str:
    """`clicks-2026120601-host-123.log` -> `2026120601` (UTC)."""
    return name[len(PREFIX) : len(PREFIX) + 10]


class Spool:
    """One per process. The file is opened lazily and again after a fork or when the hour
    changes, so a file only ever has one writer and is finished once its hour is over."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory or settings.CLICK_SPOOL_DIR)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._key: tuple[int, int] | None = None

    def append(self, hit: Hit) -> None:
        # The hour as a number: formatting it (for the file's name) only when a file is opened
        # keeps strftime off the path of every click.
        fd = self._file(int(hit.at // 3600))
        os.write(fd, hit.line())  # one system call: the line is complete or absent

    def _file(self, hour: int) -> int:
        key = (os.getpid(), hour)
        if self._key == key and self._fd is not None:
            return self._fd
        with self._lock:
            if self._key != key or self._fd is None:
                if self._fd is not None and self._key and self._key[0] == key[0]:
                    os.close(self._fd)  # our own previous hour (after a fork it is the parent's)
                self.directory.mkdir(parents=True, exist_ok=True)
                utc_hour = time.strftime("%Y%m%d%H", time.gmtime(hour * 3600))
                name = f"{PREFIX}{utc_hour}-{socket.gethostname()}-{key[0]}{SUFFIX}"
                self._fd = os.open(
                    self.directory / name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640
                )
                self._key = key
            return self._fd
