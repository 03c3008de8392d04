"""What sharing tells the programme's goal metrics (program/metrics.py reads it through its facts
registry; program must not import sharing): shares per day, those in own words, who shared.
Undone shares and opted-out members count nowhere."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from multiplier.program.metrics import MetricQuery, provide_fact

from .models import Share


def _shares(query: MetricQuery):
    tz = query.organization.tz
    start = timezone.make_aware(datetime.combine(query.start, time.min), tz)
    end = timezone.make_aware(datetime.combine(query.end + timedelta(days=1), time.min), tz)
    shares = Share.objects.counted().filter(
        organization=query.organization, created_at__gte=start, created_at__lt=end
    )
    if query.theme_id is not None:
        shares = shares.filter(post__themes__id=query.theme_id)
    if query.campaign_id is not None:
        shares = shares.filter(post__campaign_id=query.campaign_id)
    return shares.distinct()


def _per_day(query: MetricQuery, **filters) -> dict[date, int]:
    tz = query.organization.tz
    moments = _shares(query).filter(**filters).values_list("created_at", flat=True)
    return dict(Counter(timezone.localtime(moment, tz).date() for moment in moments))


def shares_per_day(query: MetricQuery) -> dict[date, int]:
    return _per_day(query)


def personalised_shares_per_day(query: MetricQuery) -> dict[date, int]:
    return _per_day(query, personalised=True)


def sharer_ids(query: MetricQuery) -> set[int]:
    return set(_shares(query).values_list("membership_id", flat=True))


def register() -> None:
    provide_fact("shares_per_day", shares_per_day)
    provide_fact("personalised_shares_per_day", personalised_shares_per_day)
    provide_fact("sharer_ids", sharer_ids)
