"""Goal metrics: one selector per metric, the single source of truth for goals and dashboards.

Most metrics count things that later layers record (shares in `sharing`, clicks in `tracking`, own
posts in `content`). `program` sits below those apps and must not import them, so it reads those
facts through a small registry: each higher app provides the facts it owns with `provide_fact`
(from its AppConfig.ready). Until an app provides a fact, it is empty and the metric is 0 — the
honest answer before anything was shared.

Metrics come in three kinds, which decides how they add up and how they are forecast:
- COUNT: things that happen (shares, clicks, own posts). The value is the total over the period;
  the forecast extrapolates the pace so far to the end of the period.
- RATE: a percentage over the period (active ambassadors, shares in own words). The forecast is
  the current rate.
- STATE: how things stand now (potential reach, ambassadors per theme). The forecast is the
  current value; a finished goal keeps the value measured when its period ended.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Count, Q, Sum

from multiplier.accounts.models import NetworkPresence
from multiplier.core.models import Membership, Organization

from .models import MemberTheme, Metric, Theme


@dataclass(frozen=True)
class MetricQuery:
    organization: Organization
    start: date
    end: date  # inclusive
    theme_id: int | None = None
    campaign_id: int | None = None

    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


# --- Facts that higher layers provide -----------------------------------------------------------


def _no_days(query: MetricQuery) -> dict[date, int]:
    return {}


def _no_ids(query: MetricQuery) -> set[int]:
    return set()


# name -> function(query). The defaults say "nothing happened yet".
_FACTS: dict[str, Callable[[MetricQuery], Any]] = {
    "shares_per_day": _no_days,  # shares by participating members, per day
    "personalised_shares_per_day": _no_days,  # of those, shares in the member's own words
    "sharer_ids": _no_ids,  # membership ids of participating members who shared
    "clicks_per_day": _no_days,  # human clicks on tracked links (bots excluded)
    "own_posts_per_day": _no_days,  # posts written by employees that went live
}


def provide_fact(name: str, function: Callable[[MetricQuery], Any]) -> None:
    if name not in _FACTS:
        raise KeyError(f"Unknown fact {name!r}; known: {', '.join(sorted(_FACTS))}")
    _FACTS[name] = function


def fact(name: str, query: MetricQuery) -> Any:
    return _FACTS[name](query)


# --- The selectors ------------------------------------------------------------------------------


class Kind(StrEnum):
    COUNT = "count"
    RATE = "rate"
    STATE = "state"


def _total(name: str, query: MetricQuery) -> Decimal:
    return Decimal(sum(fact(name, query).values()))


def shares(query: MetricQuery) -> Decimal:
    return _total("shares_per_day", query)


def clicks(query: MetricQuery) -> Decimal:
    return _total("clicks_per_day", query)


def own_posts(query: MetricQuery) -> Decimal:
    return _total("own_posts_per_day", query)


def _percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _participating(query: MetricQuery):
    members = Membership.objects.for_org(query.organization).participating()
    if query.theme_id is not None:
        members = members.filter(themes__theme_id=query.theme_id)
    return members


def active_ambassadors(query: MetricQuery) -> Decimal:
    """Percentage of everyone invited (opted-out people included: that is the one count they are
    in) who shared in the period. Only participating members' shares count."""
    invited = Membership.objects.for_org(query.organization).invited_count()
    participating = set(
        Membership.objects.for_org(query.organization).participating().values_list("pk", flat=True)
    )
    return _percent(len(fact("sharer_ids", query) & participating), invited)


def personalised_share_rate(query: MetricQuery) -> Decimal:
    return _percent(_total("personalised_shares_per_day", query), shares(query))


def potential_reach(query: MetricQuery) -> Decimal:
    """The followers and connections of every participating member, on every network they are
    on (optionally only members who care about the goal's theme). Overlap between colleagues'
    networks is not known, so this is an upper bound — hence "potential"."""
    members = _participating(query).values("user_id")
    total = NetworkPresence.objects.filter(user_id__in=members).aggregate(n=Sum("audience_size"))
    return Decimal(total["n"] or 0)


def ambassadors_per_theme(query: MetricQuery) -> Decimal:
    """Participating members bound to the theme (interest or expertise). Without a theme: the
    lowest number over all active themes, so the goal is met only when every theme has enough."""
    bonds = MemberTheme.objects.filter(
        organization=query.organization, membership__in=_participating(query)
    )
    if query.theme_id is not None:
        return Decimal(
            bonds.filter(theme_id=query.theme_id).values("membership").distinct().count()
        )
    counts = (
        Theme.objects.filter(organization=query.organization)
        .active()
        .annotate(n=Count("members", filter=Q(members__in=bonds), distinct=True))
    )
    values = [theme.n for theme in counts]
    return Decimal(min(values) if values else 0)


@dataclass(frozen=True)
class MetricDefinition:
    metric: Metric
    kind: Kind
    unit: str  # "" or "%"
    value: Callable[[MetricQuery], Decimal]
    per_day_fact: str | None = None  # for COUNT metrics: the fact that gives the daily series


METRICS: dict[str, MetricDefinition] = {
    d.metric: d
    for d in [
        MetricDefinition(Metric.SHARES, Kind.COUNT, "", shares, "shares_per_day"),
        MetricDefinition(Metric.CLICKS, Kind.COUNT, "", clicks, "clicks_per_day"),
        MetricDefinition(Metric.OWN_POSTS, Kind.COUNT, "", own_posts, "own_posts_per_day"),
        MetricDefinition(Metric.ACTIVE_AMBASSADORS, Kind.RATE, "%", active_ambassadors),
        MetricDefinition(Metric.PERSONALISED_SHARE_RATE, Kind.RATE, "%", personalised_share_rate),
        MetricDefinition(Metric.POTENTIAL_REACH, Kind.STATE, "", potential_reach),
        MetricDefinition(Metric.AMBASSADORS_PER_THEME, Kind.STATE, "", ambassadors_per_theme),
    ]
}


def metric_value(metric: str, query: MetricQuery) -> Decimal:
    return METRICS[metric].value(query)


def cumulative_series(metric: str, query: MetricQuery) -> list[tuple[date, Decimal]]:
    """For COUNT metrics: the running total per day of the query's period (for charts)."""
    definition = METRICS[metric]
    if definition.per_day_fact is None:
        return []
    per_day = fact(definition.per_day_fact, query)
    running = Decimal(0)
    series = []
    for day in query.days():
        running += Decimal(per_day.get(day, 0))
        series.append((day, running))
    return series
