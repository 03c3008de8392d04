"""The content calendar: cycles around today and the posts that go live in each.

A post belongs to the cycle of the day it goes live (`starts_at`, in the organisation's time
zone). Only live and scheduled posts count towards a cycle's threshold: a draft with a date is a
plan, not content people will see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from multiplier.core.models import Organization

from ..cycles import Cycle, cycle_containing, default_anchor, local_date
from ..models import ContentSettings, Post, PostStatus

# What counts towards a cycle's threshold, and what the calendar shows at all.
COUNTED = (PostStatus.LIVE, PostStatus.SCHEDULED)
SHOWN = (
    PostStatus.DRAFT,
    PostStatus.IN_REVIEW,
    PostStatus.SCHEDULED,
    PostStatus.LIVE,
    PostStatus.ARCHIVED,
)
# On the calendar an archived post counts too: it went live in its cycle and has left the feed.
WENT_LIVE = (*COUNTED, PostStatus.ARCHIVED)
# Statuses whose window can be moved: archived and declined posts are history.
MOVABLE = (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.SCHEDULED, PostStatus.LIVE)


def rhythm_settings(organization: Organization) -> ContentSettings:
    """The organisation's rhythm settings; made on the fly for an organisation that predates them
    (the post_save signal makes them for new ones)."""
    settings, _ = ContentSettings.objects.get_or_create(
        organization=organization, defaults={"cycle_anchor": default_anchor(organization)}
    )
    return settings


def local_today(organization: Organization, now: datetime | None = None) -> date:
    return local_date(now or timezone.now(), organization)


def cycle_of(organization: Organization, day: date, settings: ContentSettings) -> Cycle:
    return cycle_containing(
        day, anchor=settings.cycle_anchor, cadence_days=organization.cadence_days
    )


def following(organization: Organization, cycle: Cycle, settings: ContentSettings) -> Cycle:
    return cycle_of(organization, cycle.end + timedelta(days=1), settings)


def cycle_bounds(organization: Organization, cycle: Cycle) -> tuple[datetime, datetime]:
    """The cycle as [start, end) moments: from midnight of its first day to midnight after its
    last day, in the organisation's time zone."""
    tz = organization.tz
    start = timezone.make_aware(datetime.combine(cycle.start, time.min), tz)
    end = timezone.make_aware(datetime.combine(cycle.end + timedelta(days=1), time.min), tz)
    return start, end


def counted_posts(organization: Organization, cycle: Cycle):
    """Live and scheduled posts that go live in the cycle."""
    start, end = cycle_bounds(organization, cycle)
    return Post.objects.filter(
        organization=organization, status__in=COUNTED, starts_at__gte=start, starts_at__lt=end
    )


@dataclass
class CalendarCycle:
    cycle: Cycle
    posts: list[Post] = field(default_factory=list)
    counted: int = 0
    threshold: int = 0
    is_past: bool = False
    is_current: bool = False
    is_next: bool = False

    @property
    def short(self) -> int:
        """How many more live or scheduled posts the cycle needs."""
        return max(self.threshold - self.counted, 0)

    @property
    def under_threshold(self) -> bool:
        return self.short > 0

    @property
    def flagged(self) -> bool:
        """An upcoming cycle that will be too quiet: the current one can still be helped too,
        but the calendar calls out the future ones."""
        return not self.is_past and self.under_threshold

    @property
    def accepts_posts(self) -> bool:
        """A post can be moved here (a past cycle cannot get new posts)."""
        return not self.is_past

    @property
    def key(self) -> str:
        return self.cycle.start.isoformat()


@dataclass
class Calendar:
    settings: ContentSettings
    today: date
    cycles: list[CalendarCycle]
    current: CalendarCycle
    next: CalendarCycle
    undated: list[Post]

    @property
    def warn_next(self) -> bool:
        """Within the warning period before the next cycle and too few posts in it: the same
        condition as the e-mail (services/rhythm.py)."""
        return self.next.under_threshold and (
            (self.next.cycle.start - self.today).days <= self.settings.warn_days_before
        )


def calendar_for(
    organization: Organization, *, now: datetime | None = None, past: int = 3, ahead: int = 2
) -> Calendar:
    """`past` cycles before the current one, the current one and `ahead` after it."""
    settings = rhythm_settings(organization)
    today = local_today(organization, now)
    current = cycle_of(organization, today, settings)
    cycles = [current]
    for _ in range(past):
        cycles.insert(0, cycle_of(organization, cycles[0].start - timedelta(days=1), settings))
    for _ in range(ahead):
        cycles.append(following(organization, cycles[-1], settings))

    first, _ = cycle_bounds(organization, cycles[0])
    _, last = cycle_bounds(organization, cycles[-1])
    posts = (
        Post.objects.filter(
            organization=organization, status__in=SHOWN, starts_at__gte=first, starts_at__lt=last
        )
        .select_related("organization")  # each post's move form reads the time zone
        .prefetch_related("themes")
        .order_by("starts_at", "pk")
    )
    by_cycle: dict[date, list[Post]] = defaultdict(list)
    for post in posts:
        day = local_date(post.starts_at, organization)
        by_cycle[cycle_of(organization, day, settings).start].append(post)

    threshold = settings.min_posts_per_cycle
    columns = []
    for cycle in cycles:
        cycle_posts = by_cycle.get(cycle.start, [])
        columns.append(
            CalendarCycle(
                cycle=cycle,
                posts=cycle_posts,
                counted=sum(1 for post in cycle_posts if post.status in WENT_LIVE),
                threshold=threshold,
                is_past=cycle.end < today,
                is_current=cycle == current,
                is_next=cycle.start == current.end + timedelta(days=1),
            )
        )
    current_column = next(c for c in columns if c.is_current)
    next_column = (
        next(c for c in columns if c.is_next)
        if ahead
        else _column_for_next(organization, current, settings)
    )
    undated = list(
        Post.objects.filter(
            organization=organization,
            starts_at__isnull=True,
            status__in=(PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.SCHEDULED),
        )
        .select_related("organization")
        .prefetch_related("themes")
        .order_by("-created_at")[:20]
    )
    return Calendar(settings, today, columns, current_column, next_column, undated)


def _column_for_next(
    organization: Organization, current: Cycle, settings: ContentSettings
) -> CalendarCycle:
    cycle = following(organization, current, settings)
    return CalendarCycle(
        cycle=cycle,
        counted=counted_posts(organization, cycle).count(),
        threshold=settings.min_posts_per_cycle,
        is_next=True,
    )


@dataclass(frozen=True)
class NextCycleCheck:
    """What the empty-cycle warning needs to know about the next cycle."""

    cycle: Cycle
    counted: int
    threshold: int
    days_until: int
    warn_days_before: int

    @property
    def short(self) -> int:
        return max(self.threshold - self.counted, 0)

    @property
    def due(self) -> bool:
        """Within the warning period and too few posts."""
        return self.short > 0 and self.days_until <= self.warn_days_before


def next_cycle_check(organization: Organization, *, now: datetime | None = None) -> NextCycleCheck:
    settings = rhythm_settings(organization)
    today = local_today(organization, now)
    cycle = following(organization, cycle_of(organization, today, settings), settings)
    return NextCycleCheck(
        cycle=cycle,
        counted=counted_posts(organization, cycle).count(),
        threshold=settings.min_posts_per_cycle,
        days_until=(cycle.start - today).days,
        warn_days_before=settings.warn_days_before,
    )
