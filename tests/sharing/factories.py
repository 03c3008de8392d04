"""Posts, variants and click roll-ups for the sharing tests."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from django.utils import timezone

from multiplier.content.models import Audience, Post, PostStatus, Variant
from multiplier.core.models import Organization
from multiplier.tracking.models import LinkDay, TrackedLink

_serial = itertools.count(1)


def live_post(
    organization: Organization,
    *,
    title: str = "",
    texts: tuple[str, ...] = ("Our new heat pump halves the bill.",),
    link: str = "https://noorderlicht.example/news/heat-pump",
    audience: str = Audience.EVERYONE,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    status: str = PostStatus.LIVE,
    **fields,
) -> Post:
    n = next(_serial)
    now = timezone.now()
    post = Post.objects.create(
        organization=organization,
        title=title or f"Post {n}",
        slug=f"post-{n}",
        link=link,
        audience=audience,
        status=status,
        starts_at=starts_at or now - timedelta(hours=1),
        ends_at=ends_at if ends_at is not None else now + timedelta(days=14),
        **fields,
    )
    for position, text in enumerate(texts):
        Variant.objects.create(organization=organization, post=post, text=text, position=position)
    return post


def link_day(link: TrackedLink, day: date, clicks: int, *, bot_hits: int = 0) -> LinkDay:
    return LinkDay.objects.create(
        organization_id=link.organization_id,
        link=link,
        day=day,
        clicks=clicks,
        visitors=clicks,
        bot_hits=bot_hits,
    )
