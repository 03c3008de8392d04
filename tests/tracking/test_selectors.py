"""Click numbers for pages come from the roll-ups, per organisation, grouped and by date."""

from __future__ import annotations

from datetime import date

import pytest

from multiplier.tracking.models import Click, LinkDay
from multiplier.tracking.selectors import Totals, click_totals

pytestmark = pytest.mark.django_db


def test_totals_grouped_and_limited_to_dates_and_the_organisation(make_link, org, other_org):
    first, second = make_link(), make_link()
    foreign = make_link(organization=other_org)
    for link, day, numbers in [
        (first, date(2026, 12, 1), (5, 3, 9)),
        (first, date(2026, 12, 2), (2, 2, 1)),
        (second, date(2026, 12, 2), (1, 1, 0)),
        (foreign, date(2026, 12, 2), (100, 100, 100)),
    ]:
        LinkDay.objects.create(
            organization=link.organization, link=link, day=day,
            clicks=numbers[0], visitors=numbers[1], bot_hits=numbers[2],
        )  # fmt: skip
    assert click_totals(organization=org) == Totals(8, 6, 10)
    assert click_totals(organization=org, start=date(2026, 12, 2)) == Totals(3, 3, 1)
    assert click_totals(organization=org, end=date(2026, 12, 1)) == Totals(5, 3, 9)
    assert click_totals(organization=org, by="post") == {
        first.post_id: Totals(7, 5, 10),
        second.post_id: Totals(1, 1, 0),
    }
    assert click_totals(organization=org, by="network") == {"linkedin": Totals(8, 6, 10)}
    assert click_totals(organization=org, by="day")[date(2026, 12, 2)] == Totals(3, 3, 1)
    assert click_totals(organization=org, start=date(2027, 1, 1)) == Totals(0, 0, 0)
    assert not Click.objects.exists()  # the numbers came from the roll-ups alone
