"""`multiplier demo`: create or refresh the demo organisation (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from multiplier.demo.builder import build_demo
from multiplier.demo.data import login_banner


class Command(BaseCommand):
    help = "Create (or bring up to date) the Dutch demo organisation. Safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        org = build_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo organisation ready: {org.name} (/o/{org.slug}/)")
        )
        self.stdout.write(login_banner())
