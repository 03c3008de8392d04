"""Content feeds the goal metric "posts written by employees"."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from multiplier.content.models import Post, PostSource, PostStatus
from multiplier.core.models import MembershipStatus
from multiplier.program.metrics import MetricQuery, metric_value
from multiplier.program.models import Metric, Theme

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


_serial = itertools.count(1)


def own_post(org, author, went_live, status=PostStatus.LIVE):
    n = [next(_serial)]
    return Post.objects.create(
        organization=org, title=f"Own {n[0]}", slug=f"own-{n[0]}", source=PostSource.EMPLOYEE,
        author=author, status=status, went_live_at=went_live,
    )  # fmt: skip


def test_own_posts_count_live_employee_posts_by_local_day(org, ambassador, leader, make_member):
    org.time_zone = "Europe/Amsterdam"
    org.save()
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    own_post(org, ambassador, datetime(2026, 11, 2, 23, 30, tzinfo=ZoneInfo("UTC")))  # 3 Nov local
    own_post(org, leader, datetime(2026, 11, 3, 9, 0, tzinfo=AMS))
    own_post(org, leader, datetime(2026, 11, 4, 9, 0, tzinfo=AMS), status=PostStatus.DECLINED)
    own_post(org, opted_out, datetime(2026, 11, 4, 9, 0, tzinfo=AMS))
    Post.objects.create(organization=org, title="Ready-made", slug="rm", status=PostStatus.LIVE,
                        went_live_at=datetime(2026, 11, 4, tzinfo=AMS))  # fmt: skip
    query = MetricQuery(org, date(2026, 11, 1), date(2026, 11, 30))
    assert metric_value(Metric.OWN_POSTS, query) == 2
    from multiplier.program.metrics import fact

    assert fact("own_posts_per_day", query) == {date(2026, 11, 3): 2}


def test_own_posts_respect_the_theme_filter(org, ambassador):
    solar = Theme.objects.create(organization=org, name="Solar")
    post = own_post(org, ambassador, datetime(2026, 11, 3, 9, 0, tzinfo=AMS))
    own_post(org, ambassador, datetime(2026, 11, 3, 10, 0, tzinfo=AMS))
    post.themes.add(solar)
    query = MetricQuery(org, date(2026, 11, 1), date(2026, 11, 30), theme_id=solar.pk)
    assert metric_value(Metric.OWN_POSTS, query) == 1
