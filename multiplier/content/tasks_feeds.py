"""Polling content sources in the background. Tasks are thin: they call a service."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from multiplier.core.scheduler import periodic

from .services.feeds import feed_poll_by_id, feeds_due


@task()
def poll_feed(source_id: int) -> int:
    """Poll one source; returns the number of new drafts (an error is stored on the source)."""
    result = feed_poll_by_id(source_id=source_id)
    return result.new if result else 0


@periodic(every=timedelta(minutes=30))
@task()
def poll_feeds() -> int:
    """Every active source, each in its own task so that one slow feed holds up no other."""
    ids = feeds_due()
    for source_id in ids:
        poll_feed.enqueue(source_id)
    return len(ids)
