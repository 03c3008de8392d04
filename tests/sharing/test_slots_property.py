"""Time slots (sharing/slots.py): shares of one post are spread over its window, within working
hours of the organisation's time zone, and colleagues are kept apart."""

from __future__ import annotations

import itertools
import zoneinfo
from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multiplier.sharing.models import ShareReminder
from multiplier.sharing.services.shares import reminder_set
from multiplier.sharing.slots import pick_slot, slot_suggestion, working_slots

from .factories import live_post


def _assign(slot_count: int, members: int) -> list[int]:
    taken: list[int] = []
    for _ in range(members):
        taken.append(pick_slot(slot_count, taken))
    return taken


@settings(max_examples=300, deadline=None)
@given(slot_count=st.integers(1, 300), data=st.data())
def test_slots_are_spread_over_the_window(slot_count, data):
    members = data.draw(st.integers(1, slot_count))
    taken = _assign(slot_count, members)
    assert all(0 <= index < slot_count for index in taken)
    assert len(set(taken)) == members  # nobody shares at the same moment while slots are free
    if members >= 2:
        ordered = sorted(taken)
        assert ordered[0] == 0 and ordered[-1] == slot_count - 1  # the whole window is used
        ideal = (slot_count - 1) / (members - 1)
        largest_gap = max(b - a for a, b in itertools.pairwise(ordered))
        assert largest_gap <= 2 * ideal + 1, (ordered, ideal)


@settings(max_examples=200, deadline=None)
@given(slot_count=st.integers(1, 60), members=st.integers(1, 400))
def test_more_members_than_slots_share_them_evenly(slot_count, members):
    load = Counter(_assign(slot_count, members))
    loads = [load.get(index, 0) for index in range(slot_count)]
    assert max(loads) - min(loads) <= 1


zones = st.sampled_from(["Europe/Amsterdam", "America/New_York", "Asia/Tokyo", "Pacific/Auckland"])


@settings(max_examples=200, deadline=None)
@given(
    zone=zones,
    start=st.datetimes(
        min_value=datetime(2026, 1, 1),
        max_value=datetime(2027, 12, 31),
        timezones=st.just(zoneinfo.ZoneInfo("UTC")),
    ),
    hours=st.integers(1, 24 * 21),
)
def test_working_slots_are_weekday_office_hours_inside_the_window(zone, start, hours):
    tz = zoneinfo.ZoneInfo(zone)
    end = start + timedelta(hours=hours)
    slots = working_slots(start, end, tz)
    assert slots == sorted(slots)
    for slot in slots:
        local = slot.astimezone(tz)
        assert start <= slot < end
        assert local.weekday() < 5
        assert time(8, 0) <= local.time() <= time(17, 30)
        assert local.minute in (0, 30)


@pytest.mark.django_db
def test_colleagues_setting_reminders_get_slots_spread_over_the_window(org, make_member):
    # A Monday 08:00 to Friday 18:00 window in Amsterdam: 5 days x 20 half-hours.
    tz = org.tz
    monday = datetime(2031, 3, 3, 8, 0, tzinfo=tz)
    post = live_post(org, starts_at=monday, ends_at=monday + timedelta(days=4, hours=10))
    now = monday - timedelta(minutes=5)
    slots = []
    for _ in range(9):
        member = make_member(org)
        slot = slot_suggestion(post=post, membership=member, now=now)
        slots.append(slot)
        # reminder_set checks the post is in the member's feed, which is "now": move the window.
        ShareReminder.objects.create(
            organization=org, membership=member, post=post, slot_at=slot, network="linkedin"
        )
    local = sorted(s.astimezone(tz) for s in slots)
    assert len(set(local)) == 9
    assert local[0] == monday and local[-1] == datetime(2031, 3, 7, 17, 30, tzinfo=tz)
    assert all(s.weekday() < 5 and time(8) <= s.time() <= time(17, 30) for s in local)
    # 100 slots, 9 members: about 12 slots apart; never more than twice that plus one.
    index = {s: n for n, s in enumerate(working_slots(monday, post.ends_at, tz))}
    gaps = [index[b] - index[a] for a, b in itertools.pairwise(local)]
    assert max(gaps) <= 2 * 99 / 8 + 1


@pytest.mark.django_db
def test_a_member_keeps_their_own_slot_and_a_reminder_is_stored(org, ambassador, make_member):
    post = live_post(org)
    first = slot_suggestion(post=post, membership=ambassador)
    reminder = reminder_set(membership=ambassador, post=post, network="linkedin", slot_at=first)
    assert slot_suggestion(post=post, membership=ambassador) == first  # not kept from itself
    assert reminder.delivered_at is None and reminder.slot_at == first
    colleague = make_member(org)
    assert slot_suggestion(post=post, membership=colleague) != first
    # Setting another reminder moves the open one.
    later = slot_suggestion(post=post, membership=colleague)
    reminder_set(membership=ambassador, post=post, network="x", slot_at=later)
    assert ShareReminder.objects.filter(membership=ambassador).count() == 1
    assert ShareReminder.objects.get(membership=ambassador).network == "x"


@pytest.mark.django_db
def test_no_slot_when_no_working_hour_is_left(org, ambassador):
    tz = org.tz
    saturday = datetime(2031, 3, 8, 9, 0, tzinfo=tz)
    post = live_post(org, starts_at=saturday, ends_at=saturday + timedelta(days=1))
    assert slot_suggestion(post=post, membership=ambassador, now=saturday) is None
