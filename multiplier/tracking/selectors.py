"""Tracking's reads: an organisation's settings, and click numbers. Click numbers come always
from the daily roll-ups (`LinkDay`), never from raw clicks.

Visitors are unique per link per day; summed over several links or days they are "visitor-days"
(someone who clicked on two days, or two links, counts twice), which is what can be known
without keeping anything that identifies a person for longer than a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from multiplier.core.models import Organization

from .models import LinkDay, TrackingSettings

GROUPS = {
    "post": "link__post_id",
    "variant": "link__variant_id",
    "network": "link__network",
    "membership": "link__membership_id",
    "day": "day",
}


@dataclass(frozen=True)
class Totals:
    clicks: int = 0
    visitors: int = 0
    bot_hits: int = 0


def click_totals(
    *,
    organization: Organization,
    by: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Totals | dict[object, Totals]:
    """The organisation's clicks from `start` to `end` (inclusive, its own dates), in total or
    grouped `by` one of GROUPS (a dict from the group's value to its totals)."""
    days = LinkDay.objects.filter(organization=organization)
    if start:
        days = days.filter(day__gte=start)
    if end:
        days = days.filter(day__lte=end)
    sums = {"clicks": Sum("clicks"), "visitors": Sum("visitors"), "bot_hits": Sum("bot_hits")}
    if by is None:
        row = days.aggregate(**sums)
        return Totals(**{key: value or 0 for key, value in row.items()})
    field = GROUPS[by]
    return {
        row[field]: Totals(row["clicks"], row["visitors"], row["bot_hits"])
        for row in days.values(field).annotate(**sums).order_by(field)
    }


def tracking_settings_for(organization_id: int) -> TrackingSettings:
    """The organisation's settings, or the defaults (unsaved) when it never changed them."""
    found = TrackingSettings.objects.filter(organization_id=organization_id).first()
    return found or TrackingSettings(organization_id=organization_id)
