"""How far a goal is, and where it is heading: the one computation goal pages and dashboards use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils import timezone

from .metrics import METRICS, Kind, MetricQuery, cumulative_series, metric_value, shares
from .models import Goal

ONE_DECIMAL = Decimal("0.1")


class GoalStatus(StrEnum):
    UPCOMING = "upcoming"
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    status: GoalStatus
    value: Decimal
    forecast: Decimal | None  # None before the period starts
    days_elapsed: int
    days_total: int
    series: list[tuple[date, Decimal]] = field(default_factory=list)  # COUNT metrics only
    # Running, nothing shared in the period yet and the value still 0: a forecast from zero
    # would say "not on track" about a goal that simply has no data yet.
    waiting: bool = False

    @property
    def target(self) -> Decimal:
        return self.goal.target

    @property
    def unit(self) -> str:
        return METRICS[self.goal.metric].unit

    @property
    def percent(self) -> Decimal:
        """Value as a percentage of the target (may pass 100)."""
        return (self.value * 100 / self.goal.target).quantize(ONE_DECIMAL, ROUND_HALF_UP)

    @property
    def bar_percent(self) -> Decimal:
        return min(self.percent, Decimal(100))

    @property
    def on_track(self) -> bool | None:
        """Will the target be reached (or was it)? None before the period starts, and while the
        goal waits for its first data."""
        if self.forecast is None or self.waiting:
            return None
        return self.forecast >= self.goal.target


def goal_query(goal: Goal, end: date | None = None) -> MetricQuery:
    return MetricQuery(
        organization=goal.organization,
        start=goal.start,
        end=end or goal.end,
        theme_id=goal.theme_id,
        campaign_id=goal.campaign_id,
    )


def goal_progress(goal: Goal, today: date | None = None) -> GoalProgress:
    """`today` is the organisation's local date unless given (tests give one)."""
    today = today or timezone.localdate(timezone=goal.organization.tz)
    definition = METRICS[goal.metric]
    days_total = (goal.end - goal.start).days + 1

    if today < goal.start:
        return GoalProgress(goal, GoalStatus.UPCOMING, Decimal(0), None, 0, days_total)

    if today > goal.end:
        if goal.final_value is not None:
            value = goal.final_value
        else:  # not finalised yet (the daily job runs after midnight): measure the whole period
            value = metric_value(goal.metric, goal_query(goal))
        series = cumulative_series(goal.metric, goal_query(goal))
        return GoalProgress(goal, GoalStatus.ENDED, value, value, days_total, days_total, series)

    query = goal_query(goal, end=today)
    value = metric_value(goal.metric, query)
    days_elapsed = (today - goal.start).days + 1
    if definition.kind == Kind.COUNT:
        # The pace so far, kept up until the end of the period.
        forecast = (value * days_total / days_elapsed).quantize(ONE_DECIMAL, ROUND_HALF_UP)
    else:
        forecast = value
    # States (reach, people per theme) are there from the start; counts and rates need shares.
    waiting = definition.kind != Kind.STATE and value == 0 and shares(query) == 0
    return GoalProgress(
        goal,
        GoalStatus.RUNNING,
        value,
        forecast,
        days_elapsed,
        days_total,
        cumulative_series(goal.metric, query),
        waiting,
    )
