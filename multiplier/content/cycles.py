"""The content rhythm: the organisation's cadence (default 14 days) divides time into cycles,
counted from an anchor day. Pure date arithmetic, in the organisation's local dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from multiplier.core.models import Organization


@dataclass(frozen=True)
class Cycle:
    number: int  # 0 is the cycle that starts on the anchor day; earlier cycles are negative
    start: date
    end: date  # the last day (inclusive)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def cycle_containing(day: date, *, anchor: date, cadence_days: int) -> Cycle:
    if cadence_days < 1:
        raise ValueError("A cadence is at least one day.")
    number = (day - anchor).days // cadence_days
    start = anchor + timedelta(days=number * cadence_days)
    return Cycle(number, start, start + timedelta(days=cadence_days - 1))


def cycles_between(first: date, last: date, *, anchor: date, cadence_days: int) -> list[Cycle]:
    """Every cycle that overlaps the days first..last, in order."""
    cycle = cycle_containing(first, anchor=anchor, cadence_days=cadence_days)
    cycles = []
    while cycle.start <= last:
        cycles.append(cycle)
        cycle = cycle_containing(
            cycle.end + timedelta(days=1), anchor=anchor, cadence_days=cadence_days
        )
    return cycles


def local_date(moment: datetime, organization: Organization) -> date:
    return timezone.localtime(moment, organization.tz).date()


def default_anchor(organization: Organization) -> date:
    """The Monday of the week the organisation started: cycles begin on a Monday by default."""
    created = local_date(organization.created_at or timezone.now(), organization)
    return created - timedelta(days=created.weekday())
