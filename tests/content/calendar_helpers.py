"""Helpers for the calendar and rhythm tests: an organisation whose cycles sit at a known place
around today, and posts at a given moment."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from multiplier.content.models import ContentSettings, Post, PostStatus
from multiplier.content.selectors.calendar import local_today

_serial = itertools.count(1)


def place_cycles(org, *, day_in_cycle: int, cadence: int = 14, threshold: int = 2,
                 warn: int = 7) -> date:  # fmt: skip
    """Make today the `day_in_cycle`-th day (1-based) of the current cycle; returns the first day
    of the next cycle."""
    today = local_today(org)
    anchor = today - timedelta(days=day_in_cycle - 1)
    org.cadence_days = cadence
    org.save(update_fields=["cadence_days"])
    ContentSettings.objects.update_or_create(
        organization=org,
        defaults={"cycle_anchor": anchor, "min_posts_per_cycle": threshold,
                  "warn_days_before": warn},
    )  # fmt: skip
    return anchor + timedelta(days=cadence)


def at(org, day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), org.tz)


def make_post(org, *, starts_at: datetime | None, status: str = PostStatus.SCHEDULED,
              ends_at: datetime | None = None, title: str = "") -> Post:  # fmt: skip
    n = next(_serial)
    return Post.objects.create(
        organization=org, title=title or f"Post {n}", slug=f"post-{n}", status=status,
        starts_at=starts_at, ends_at=ends_at,
    )  # fmt: skip
