"""The ways to contribute of an organisation, and what members' behaviour suggests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from multiplier.core.models import Membership, MembershipStatus, Organization

from ..levels import ActivityCounts, activity_counts, suggest_level
from ..models import Level

# Behaviour of the last 90 days suggests a way to contribute (confirmed expertise counts whenever
# it was confirmed): what someone does now, not what they did once.
SUGGESTION_WINDOW = timedelta(days=90)


def ordered_levels(organization: Organization) -> QuerySet[Level]:
    """In order, with `people`: participating members whose set level it is."""
    return (
        Level.objects.filter(organization=organization)
        .annotate(
            people=Count("members", filter=Q(members__membership__status=MembershipStatus.ACTIVE))
        )
        .order_by("position", "pk")
    )


@dataclass(frozen=True)
class Suggestion:
    counts: ActivityCounts
    level: Level | None


def suggestion_window_start() -> date:
    return timezone.localdate() - SUGGESTION_WINDOW


def suggestions(
    organization: Organization, memberships: Iterable[Membership], levels: list[Level] | None = None
) -> dict[int, Suggestion]:
    """Per membership id: the counts of the window and the level they suggest (or None).
    Only members who take part get one: opted-out and invited people are left out, whatever
    list the caller passes."""
    if levels is None:
        levels = list(ordered_levels(organization))
    taking_part = [m for m in memberships if m.status == MembershipStatus.ACTIVE]
    counts = activity_counts(organization, taking_part, suggestion_window_start())
    return {pk: Suggestion(c, suggest_level(levels, c)) for pk, c in counts.items()}
