"""The picture of a counting goal: the running total per day against the straight line of the
pace the target needs. Server-rendered SVG (no JavaScript); this module computes the geometry,
the template draws it, and a table next to it gives the same numbers in text."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .goal_progress import GoalProgress, GoalStatus

# SVG user units. The chart is as wide as its column (a phone shows it at about 0.65 of this, a
# desktop at 1.3), so the stylesheet sizes the labels per screen width.
WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 14, 40  # room for the axis labels


@dataclass(frozen=True)
class ChartRow:
    day: date
    value: Decimal
    needed: Decimal  # where the straight pace to the target is at the end of this day


@dataclass(frozen=True)
class Chart:
    actual: str  # SVG polyline points
    pace: str
    forecast: str  # "" when there is none (the period is over)
    # Coordinates are strings, formatted here: a template would write "12,5" in Dutch.
    y_ticks: list[tuple[str, Decimal]]  # (y, label)
    x_labels: list[tuple[str, date, str]]  # (x, day, text-anchor)
    today_x: str
    rows: list[ChartRow]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM


def _nice_step(span: Decimal) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) that cuts `span` into about four parts."""
    raw = span / 4
    magnitude = Decimal(10) ** math.floor(math.log10(raw))
    return next(magnitude * factor for factor in (1, 2, 5, 10) if magnitude * factor >= raw)


def _n(number: float) -> str:
    return f"{number:.1f}"


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def goal_chart(progress: GoalProgress) -> Chart | None:
    """None when the goal has no daily series (not a counting metric, or not started)."""
    if not progress.series:
        return None
    days = progress.days_total
    target = progress.target
    top_value = max([target, progress.forecast or 0, *(value for _, value in progress.series)])
    step = _nice_step(Decimal(top_value))
    y_max = step * math.ceil(top_value / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day_index: float) -> float:  # the end of day `day_index` (0 = the start's morning)
        return LEFT + plot_w * day_index / days

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(plot_h * value / y_max)

    actual = [(x(0), y(Decimal(0)))] + [
        (x(i + 1), y(value)) for i, (_day, value) in enumerate(progress.series)
    ]
    forecast = ""
    if (
        progress.status == GoalStatus.RUNNING
        and progress.forecast is not None
        and not progress.waiting
    ):
        forecast = _points([actual[-1], (x(days), y(progress.forecast))])
    start, end = progress.goal.start, progress.goal.end
    rows = [
        ChartRow(
            day,
            value,
            (target * (i + 1) / days).quantize(Decimal("0.1"), ROUND_HALF_UP),
        )
        for i, (day, value) in enumerate(progress.series)
    ]
    ticks = int(y_max / step)
    return Chart(
        actual=_points(actual),
        pace=_points([(x(0), y(Decimal(0))), (x(days), y(target))]),
        forecast=forecast,
        y_ticks=[(_n(y(step * n)), step * n) for n in range(ticks + 1)],
        x_labels=[(_n(x(0)), start, "start"), (_n(x(days)), end, "end")],
        today_x=_n(x(progress.days_elapsed)) if progress.status == GoalStatus.RUNNING else "",
        rows=rows,
    )
