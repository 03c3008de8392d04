"""A suggested time to share, so that colleagues' shares of one post spread over its window.

Candidate slots are every half hour from 08:00 to 17:30 on weekdays, in the organisation's time
zone, from now (or the post's start) to the end of its window (a post without an end stays one
cadence). Colleagues' shares and reminders of the post take slots. A member is offered the
least-taken slot that is furthest — counted in working half-hours, so a night does not count as
distance — from the slots taken more often; ties go to the earliest. The first member gets the
first slot, the next the last, then the middle, and so on; once every slot is taken, the next
round spreads the same way.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from django.utils import timezone

from multiplier.content.models import Post
from multiplier.core.models import Membership

from .models import Share, ShareReminder

DAY_START, DAY_END = time(8, 0), time(18, 0)  # working hours: slots start before DAY_END
STEP = timedelta(minutes=30)
LONGEST_WINDOW = timedelta(days=60)  # a post live for months: plan the next two


def pick_slot(slot_count: int, taken: Sequence[int]) -> int | None:
    """The pure rule on slot indices 0..slot_count-1; `taken` may hold an index several times."""
    if slot_count <= 0:
        return None
    load = Counter(index for index in taken if 0 <= index < slot_count)
    least = min(load.get(index, 0) for index in range(slot_count))
    busier = sorted(index for index, n in load.items() if n > least)

    def room(index: int) -> int:
        if not busier:
            return slot_count  # nothing to keep apart from: all equally good
        at = bisect.bisect_left(busier, index)
        nearest = [abs(busier[k] - index) for k in (at - 1, at) if 0 <= k < len(busier)]
        return min(nearest)

    eligible = (index for index in range(slot_count) if load.get(index, 0) == least)
    return max(eligible, key=lambda index: (room(index), -index))


def working_slots(start: datetime, end: datetime, tz) -> list[datetime]:
    """Every slot start within working hours in [start, end), as aware datetimes."""
    slots: list[datetime] = []
    day = timezone.localtime(start, tz).date()
    last_day = timezone.localtime(end, tz).date()
    while day <= last_day:
        if day.weekday() < 5:
            moment = datetime.combine(day, DAY_START, tzinfo=tz)
            closing = datetime.combine(day, DAY_END, tzinfo=tz)
            while moment < closing:
                if start <= moment < end:
                    slots.append(moment)
                moment += STEP
        day += timedelta(days=1)
    return slots


def post_window(post: Post, now: datetime) -> tuple[datetime, datetime]:
    start = max(now, post.starts_at or now)
    end = post.ends_at or (post.starts_at or now) + timedelta(days=post.organization.cadence_days)
    return start, min(end, start + LONGEST_WINDOW)


def _nearest(slots: list[datetime], moment: datetime) -> int:
    at = bisect.bisect_left(slots, moment)
    if at == 0:
        return 0
    if at == len(slots):
        return len(slots) - 1
    return at if slots[at] - moment < moment - slots[at - 1] else at - 1


def slot_suggestion(
    *, post: Post, membership: Membership, now: datetime | None = None
) -> datetime | None:
    """The slot to offer this member, or None when no working hour is left in the window."""
    now = now or timezone.now()
    start, end = post_window(post, now)
    slots = working_slots(start, end, post.organization.tz)
    if not slots:
        return None
    moments = list(
        ShareReminder.objects.filter(post=post)
        .exclude(membership=membership)
        .values_list("slot_at", flat=True)
    ) + list(
        Share.objects.filter(post=post, undone_at__isnull=True)
        .exclude(membership=membership)
        .values_list("created_at", flat=True)
    )
    # Shares and reminders before the window's remaining part crowd its first slot, after it
    # its last: both are where colleagues already are.
    taken = [_nearest(slots, moment) for moment in moments]
    return slots[pick_slot(len(slots), taken)]
