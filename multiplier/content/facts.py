"""What content tells the programme's goal metrics: posts written by employees that went live
(program/metrics.py reads it through its facts registry; program must not import content)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

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


def register() -> None:
    provide_fact("own_posts_per_day", own_posts_per_day)
