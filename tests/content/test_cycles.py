"""The content rhythm's cycles, with known answers."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from multiplier.content.cycles import cycle_containing, cycles_between, default_anchor
from multiplier.content.models import ContentSettings

MONDAY = date(2026, 11, 2)


def test_cycle_containing_counts_from_the_anchor():
    cycle = cycle_containing(date(2026, 11, 22), anchor=MONDAY, cadence_days=14)
    assert (cycle.number, cycle.start, cycle.end) == (1, date(2026, 11, 16), date(2026, 11, 29))
    assert date(2026, 11, 29) in cycle and date(2026, 11, 30) not in cycle
    assert cycle.days == 14


def test_days_before_the_anchor_belong_to_earlier_cycles():
    cycle = cycle_containing(date(2026, 11, 1), anchor=MONDAY, cadence_days=14)
    assert (cycle.number, cycle.start, cycle.end) == (-1, date(2026, 10, 19), date(2026, 11, 1))


def test_one_day_cadence_and_invalid_cadence():
    cycle = cycle_containing(date(2026, 11, 5), anchor=MONDAY, cadence_days=1)
    assert cycle.start == cycle.end == date(2026, 11, 5)
    with pytest.raises(ValueError):
        cycle_containing(MONDAY, anchor=MONDAY, cadence_days=0)


def test_cycles_between_covers_the_range_without_gaps():
    cycles = cycles_between(date(2026, 11, 10), date(2026, 12, 20), anchor=MONDAY, cadence_days=14)
    assert [c.start for c in cycles] == [date(2026, 11, 2), date(2026, 11, 16), date(2026, 11, 30),
                                         date(2026, 12, 14)]  # fmt: skip
    for before, after in itertools.pairwise(cycles):
        assert (after.start - before.end).days == 1


@pytest.mark.django_db
def test_new_organisation_gets_settings_anchored_on_a_monday(org):
    settings = ContentSettings.objects.get(organization=org)
    assert settings.cycle_anchor.weekday() == 0
    assert settings.cycle_anchor == default_anchor(org)
    assert settings.min_posts_per_cycle == 2
