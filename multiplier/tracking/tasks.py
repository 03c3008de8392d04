"""Tracking's background work. Tasks are thin: they call a service."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from multiplier.core.scheduler import periodic

from .services.clicks import clicks_ingest, visitor_keys_prune


@periodic(every=timedelta(minutes=1))
@task()
def ingest_clicks() -> int:
    """Read the web processes' click spool into clicks and the daily roll-ups."""
    return clicks_ingest()


@periodic(every=timedelta(hours=1))
@task()
def prune_visitor_keys() -> int:
    """Forget the keys of days that are over, so their visitor hashes cannot be reversed."""
    return visitor_keys_prune()
