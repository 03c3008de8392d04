"""`multiplier scheduler`: wake up every few seconds and enqueue due periodic work."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from multiplier.core import scheduler


class Command(BaseCommand):
    help = "Enqueue periodic background work. Safe to run on several machines at once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and exit.")
        parser.add_argument(
            "--interval", type=float, default=settings.SCHEDULER_INTERVAL_SECONDS,
            help="Seconds between ticks.",
        )  # fmt: skip

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        scheduler.autodiscover()  # each app's tasks.py and tasks_*.py register periodic jobs
        stop = threading.Event()
        if not once:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            self.stdout.write(
                f"Scheduler running every {interval:g}s with {len(scheduler.REGISTRY)} jobs: "
                + ", ".join(sorted(scheduler.REGISTRY))
            )
        while True:
            close_old_connections()
            for name in scheduler.tick():
                self.stdout.write(f"enqueued {name}")
            if once or stop.wait(interval):
                break
