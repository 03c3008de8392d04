"""The level suggestion rules on constructed counts with known answers."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from multiplier.core.models import MembershipStatus
from multiplier.program.levels import ActivityCounts, activity_counts, meets, suggest_level
from multiplier.program.models import Level, MemberTheme, Theme, ThemeRelation
from multiplier.program.selectors.levels import Suggestion, suggestions

pytestmark = pytest.mark.django_db


def default_levels(org):
    return list(Level.objects.filter(organization=org))


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (ActivityCounts(), None),
        (ActivityCounts(shares=1), "sharer"),
        (ActivityCounts(shares=5, personalised_shares=2), "sharer"),
        (ActivityCounts(shares=3, personalised_shares=3), "engager"),
        (ActivityCounts(own_posts=1), "creator"),
        (ActivityCounts(shares=10, personalised_shares=6, own_posts=2), "creator"),
        (ActivityCounts(own_posts=3), "creator"),  # expertise not confirmed
        (ActivityCounts(own_posts=3, expert_themes=1), "expert"),
        (ActivityCounts(expert_themes=2), None),  # knowing a lot is not yet contributing
    ],
)
def test_default_levels_suggested_from_behaviour(org, counts, expected):
    level = suggest_level(default_levels(org), counts)
    assert (level.key if level else None) == expected


def test_level_without_criteria_is_never_suggested(org):
    blank = Level(organization=org, key="listener", name="Listener")
    assert not meets(blank, ActivityCounts(shares=100))
    assert suggest_level([blank], ActivityCounts(shares=100)) is None


def test_order_decides_between_levels_that_are_both_met(org):
    sharer, engager, creator, _ = default_levels(org)
    counts = ActivityCounts(shares=3, personalised_shares=3, own_posts=1)
    assert suggest_level([sharer, engager, creator], counts) == creator
    assert suggest_level([creator, engager, sharer], counts) == sharer


def test_confirmed_expertise_is_counted_from_the_database(org, ambassador, leader, make_member):
    theme = Theme.objects.create(organization=org, name="Energy transition")
    archived = Theme.objects.create(organization=org, name="Old", archived_at=timezone.now())
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    for member, t, relation, confirmed in [
        (ambassador, theme, ThemeRelation.EXPERTISE, True),
        (ambassador, archived, ThemeRelation.EXPERTISE, True),  # archived themes do not count
        (leader, theme, ThemeRelation.EXPERTISE, False),  # claimed, not confirmed
        (opted_out, theme, ThemeRelation.INTEREST, False),
    ]:
        MemberTheme.objects.create(
            organization=org, membership=member, theme=t, relation=relation,
            confirmed_at=timezone.now() if confirmed else None,
        )  # fmt: skip
    counts = activity_counts(org, [ambassador, leader, opted_out], since=date(2026, 1, 1))
    assert counts[ambassador.pk] == ActivityCounts(expert_themes=1)
    assert counts[leader.pk] == ActivityCounts()
    assert counts[opted_out.pk] == ActivityCounts()


# --- Edge cases: no levels, no activity, leaders, people who do not take part -------------------


def test_no_levels_at_all_suggests_nothing(org):
    assert suggest_level([], ActivityCounts(shares=50, own_posts=5, expert_themes=2)) is None


def test_a_criterion_met_exactly_counts(org):
    sharer, engager, *_ = default_levels(org)
    at_threshold = ActivityCounts(
        shares=engager.min_shares, personalised_shares=engager.min_personalised_shares
    )
    assert meets(engager, at_threshold)
    one_short = ActivityCounts(
        shares=engager.min_shares, personalised_shares=engager.min_personalised_shares - 1
    )
    assert not meets(engager, one_short)
    assert suggest_level([sharer, engager], one_short) == sharer


def test_a_member_without_any_activity_gets_no_suggestion(org, ambassador):
    found = suggestions(org, [ambassador])
    assert found[ambassador.pk] == Suggestion(ActivityCounts(), None)


def test_leaders_get_suggestions_by_the_same_rules(org, leader, ambassador):
    """Leaders are ambassadors whose example is shown; their way to contribute follows the same
    rules as anyone's (no level of their own, no value judgement)."""
    theme = Theme.objects.create(organization=org, name="Energy transition")
    for member in (leader, ambassador):
        MemberTheme.objects.create(
            organization=org, membership=member, theme=theme,
            relation=ThemeRelation.EXPERTISE, confirmed_at=timezone.now(),
        )  # fmt: skip
    found = suggestions(org, [leader, ambassador])
    assert found[leader.pk] == found[ambassador.pk]
    assert found[leader.pk].counts == ActivityCounts(expert_themes=1)


@pytest.mark.parametrize("status", [MembershipStatus.OPTED_OUT, MembershipStatus.INVITED])
def test_people_who_do_not_take_part_get_no_suggestion(org, make_member, status):
    theme = Theme.objects.create(organization=org, name="Energy transition")
    person = make_member(org, status=status)
    MemberTheme.objects.create(
        organization=org, membership=person, theme=theme,
        relation=ThemeRelation.EXPERTISE, confirmed_at=timezone.now(),
    )  # fmt: skip
    assert suggestions(org, [person]) == {}
