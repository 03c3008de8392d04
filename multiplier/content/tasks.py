"""Content's background work: the rhythm's periodic jobs. Tasks are thin: they call a service."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from multiplier.core.scheduler import periodic

from .services.calendar import posts_go_live
from .services.rhythm import cycles_open, empty_cycles_warn


@periodic(every=timedelta(minutes=5))
@task()
def publish_due_posts() -> int:
    """Scheduled posts whose start has come go live."""
    return posts_go_live()


@periodic(every=timedelta(minutes=15))
@task()
def open_cycles() -> int:
    """A new cycle has begun: record it once and tell whoever listens (`cycle_opened`)."""
    return len(cycles_open())


@periodic(every=timedelta(hours=1))
@task()
def warn_empty_cycles() -> int:
    """Warn managers, well before it starts, that the next cycle is too quiet (once a cycle)."""
    return len(empty_cycles_warn())
