"""What content tells the programme: posts written by employees that went live, per day for the
goal metrics (program/metrics.py's facts registry) and per member for the suggested ways to
contribute (program/levels.py's activity sources); program must not import content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from multiplier.core.models import Organization
from multiplier.program.levels import ActivityCounts, register_activity_source
from multiplier.program.metrics import MetricQuery, provide_fact

from .models import Post, PostStatus


def own_posts_per_day(query: MetricQuery) -> dict[date, int]:
    tz = query.organization.tz
    start = timezone.make_aware(datetime.combine(query.start, time.min), tz)
    end = timezone.make_aware(datetime.combine(query.end + timedelta(days=1), time.min), tz)
    posts = Post.objects.by_employees().filter(
        organization=query.organization,
        status__in=[PostStatus.LIVE, PostStatus.ARCHIVED],
        went_live_at__gte=start,
        went_live_at__lt=end,
        author__status="active",  # opted-out members are counted nowhere
    )
    if query.theme_id is not None:
        posts = posts.filter(themes__id=query.theme_id)
    if query.campaign_id is not None:
        posts = posts.filter(campaign_id=query.campaign_id)
    days = Counter(
        timezone.localtime(moment, tz).date()
        for moment in posts.distinct().values_list("went_live_at", flat=True)
    )
    return dict(days)


def own_posts_per_member(
    organization: Organization, membership_ids: Sequence[int], since: date
) -> dict[int, ActivityCounts]:
    """Approved own posts per member since `since` (for the suggested way to contribute, e.g.
    "creator"): live or archived employee posts credited to them."""
    start = timezone.make_aware(datetime.combine(since, time.min), organization.tz)
    rows = (
        Post.objects.by_employees()
        .filter(
            organization=organization,
            author_id__in=membership_ids,
            status__in=[PostStatus.LIVE, PostStatus.ARCHIVED],
            went_live_at__gte=start,
        )
        .values("author_id")
        .annotate(n=Count("id"))
    )
    return {row["author_id"]: ActivityCounts(own_posts=row["n"]) for row in rows}


def register() -> None:
    provide_fact("own_posts_per_day", own_posts_per_day)
    register_activity_source("content.own_posts", own_posts_per_member)
