"""`multiplier ingest_clicks [--every SECONDS]`: read the click spool into the database now.

The worker does this every minute; this command is for operators (and for a web machine whose
spool folder no worker can see: run it there with `--every 60`)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from multiplier.tracking.services.clicks import clicks_ingest


class Command(BaseCommand):
    help = "Read the web processes' click spool into clicks and daily roll-ups."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every", type=float, default=0, help="keep running, reading every SECONDS"
        )

    def handle(self, *args, every: float = 0, **options) -> None:
        while True:
            stored = clicks_ingest()
            self.stdout.write(f"{stored} clicks stored")
            if not every:
                return
            time.sleep(every)
