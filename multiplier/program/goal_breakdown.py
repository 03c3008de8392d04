"""What the current value of a non-counting goal is made of, for the goal's page: the parts
behind a percentage, the networks behind potential reach, the themes behind "ambassadors per
theme". Built from the same facts and selectors as the value itself (metrics.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from multiplier.accounts.models import Network, NetworkPresence
from multiplier.core.models import Membership

from . import metrics
from .goal_progress import GoalProgress, GoalStatus, goal_query
from .models import Metric, Theme


@dataclass(frozen=True)
class Part:
    label: str
    value: Decimal
    lowest: bool = False  # the theme that decides "ambassadors per theme"


def goal_parts(progress: GoalProgress, today: date) -> list[Part]:
    """Empty for counting metrics (their chart says it) and for goals that are not running
    (an upcoming goal has nothing yet; an ended one keeps only its final value)."""
    if progress.status != GoalStatus.RUNNING:
        return []
    goal = progress.goal
    query = goal_query(goal, end=today)
    organization = goal.organization

    if goal.metric == Metric.ACTIVE_AMBASSADORS:
        members = Membership.objects.for_org(organization)
        participating = set(members.participating().values_list("pk", flat=True))
        sharers = metrics.fact("sharer_ids", query) & participating
        return [
            Part(_("People invited (including those who chose not to take part)"),
                 Decimal(members.invited_count())),
            Part(_("Of them, shared in this period"), Decimal(len(sharers))),
        ]  # fmt: skip
    if goal.metric == Metric.PERSONALISED_SHARE_RATE:
        own_words = sum(metrics.fact("personalised_shares_per_day", query).values())
        return [
            Part(_("Shares in this period"), metrics.shares(query)),
            Part(_("Of them, in the sharer's own words"), Decimal(own_words)),
        ]
    if goal.metric == Metric.POTENTIAL_REACH:
        people = metrics._participating(query).values("user_id")  # the selector's own filter
        rows = (
            NetworkPresence.objects.filter(user_id__in=people)
            .values("network")
            .annotate(n=Sum("audience_size"))
            .order_by("-n")
        )
        labels = dict(Network.choices)
        return [Part(labels.get(row["network"], row["network"]), Decimal(row["n"])) for row in rows]
    if goal.metric == Metric.AMBASSADORS_PER_THEME:
        themes = Theme.objects.filter(organization=organization)
        themes = themes.filter(pk=goal.theme_id) if goal.theme_id else themes.active()
        parts = [
            Part(
                theme.name,
                metrics.metric_value(goal.metric, replace(query, theme_id=theme.pk)),
            )
            for theme in themes
        ]
        if len(parts) > 1:
            lowest = min(part.value for part in parts)
            parts = [replace(part, lowest=part.value == lowest) for part in parts]
        return parts
    return []
