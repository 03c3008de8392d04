"""Which way of contributing a member's behaviour suggests (step 4).

The rules are a pure function of counts, so they can be tested on constructed data now and fed by
real data later: sharing provides shares and personalised shares, content provides own posts,
this app provides confirmed expertise. Apps add their counts with `register_activity_source`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Protocol, TypeVar

from multiplier.core.models import Membership, Organization


@dataclass(frozen=True)
class ActivityCounts:
    """What a member did in the window the suggestion looks at (by default the last 90 days;
    confirmed expertise counts whenever it was confirmed)."""

    shares: int = 0
    personalised_shares: int = 0
    own_posts: int = 0
    expert_themes: int = 0

    def __add__(self, other: ActivityCounts) -> ActivityCounts:
        return ActivityCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


class LevelCriteria(Protocol):
    """What `suggest_level` reads of a level (a `program.models.Level` fits)."""

    min_shares: int
    min_personalised_shares: int
    min_own_posts: int
    min_expert_themes: int


def meets(level: LevelCriteria, counts: ActivityCounts) -> bool:
    """True when every criterion of the level is met; a level without criteria is never
    suggested (nothing in the behaviour points to it)."""
    criteria = [
        (level.min_shares, counts.shares),
        (level.min_personalised_shares, counts.personalised_shares),
        (level.min_own_posts, counts.own_posts),
        (level.min_expert_themes, counts.expert_themes),
    ]
    if all(minimum == 0 for minimum, _ in criteria):
        return False
    return all(value >= minimum for minimum, value in criteria)


L = TypeVar("L", bound=LevelCriteria)


def suggest_level(levels: Sequence[L], counts: ActivityCounts) -> L | None:
    """The last level, in the organisation's order, whose criteria the counts meet; None when
    the member has not done anything that points to a level yet."""
    suggestion = None
    for level in levels:
        if meets(level, counts):
            suggestion = level
    return suggestion


# --- Where the counts come from -----------------------------------------------------------------

# source(organization, membership ids, since) -> counts per membership id (missing = zero)
ActivitySource = Callable[[Organization, Sequence[int], date], dict[int, ActivityCounts]]
_sources: dict[str, ActivitySource] = {}


def register_activity_source(name: str, source: ActivitySource) -> None:
    _sources[name] = source


def activity_counts(
    organization: Organization, memberships: Iterable[Membership], since: date
) -> dict[int, ActivityCounts]:
    """Counts per membership id, summed over every registered source."""
    ids = [m.pk for m in memberships]
    totals = {pk: ActivityCounts() for pk in ids}
    for source in _sources.values():
        for pk, counts in source(organization, ids, since).items():
            if pk in totals:
                totals[pk] = totals[pk] + counts
    return totals


def _expertise_source(
    organization: Organization, membership_ids: Sequence[int], since: date
) -> dict[int, ActivityCounts]:
    from django.db.models import Count

    from .models import MemberTheme, ThemeRelation

    rows = (
        MemberTheme.objects.filter(
            organization=organization,
            membership_id__in=membership_ids,
            relation=ThemeRelation.EXPERTISE,
            confirmed_at__isnull=False,
            theme__archived_at__isnull=True,
        )
        .values("membership_id")
        .annotate(n=Count("id"))
    )
    return {row["membership_id"]: replace(ActivityCounts(), expert_themes=row["n"]) for row in rows}


register_activity_source("program.expertise", _expertise_source)
