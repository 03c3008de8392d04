"""Goal metrics and progress on constructed data with known answers.

Shares, clicks and own posts are recorded by later layers, which provide them to `program` as
facts (see program/metrics.py); here the facts are constructed, day by day."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from multiplier.accounts.models import NetworkPresence
from multiplier.core.models import MembershipStatus
from multiplier.program import metrics
from multiplier.program.goal_progress import GoalStatus, goal_progress
from multiplier.program.metrics import MetricQuery, cumulative_series, metric_value
from multiplier.program.models import Goal, MemberTheme, Metric, Theme

pytestmark = pytest.mark.django_db

NOV = date(2026, 11, 1)


@pytest.fixture
def provide(monkeypatch):
    """Provide a fact for this test only: provide("shares_per_day", {date: n})."""

    def install(name: str, data) -> None:
        monkeypatch.setitem(metrics._FACTS, name, lambda query: data)

    return install


def goal(org, metric, target=100, start=NOV, days=30, **extra) -> Goal:
    return Goal.objects.create(
        organization=org, name=f"{metric} goal", metric=metric, target=Decimal(target),
        start=start, end=start + timedelta(days=days - 1), **extra,
    )  # fmt: skip


def test_everything_is_zero_before_anything_was_shared(org, ambassador):
    query = MetricQuery(org, NOV, NOV + timedelta(days=29))
    for metric in [Metric.SHARES, Metric.CLICKS, Metric.OWN_POSTS, Metric.ACTIVE_AMBASSADORS,
                   Metric.PERSONALISED_SHARE_RATE, Metric.AMBASSADORS_PER_THEME]:  # fmt: skip
        assert metric_value(metric, query) == 0, metric


def test_count_metric_forecasts_the_pace_to_the_end(org, provide):
    provide("shares_per_day", {NOV: 4, NOV + timedelta(days=1): 2, NOV + timedelta(days=4): 6})
    progress = goal_progress(goal(org, Metric.SHARES, target=100), today=NOV + timedelta(days=9))
    assert progress.status == GoalStatus.RUNNING
    assert progress.value == 12
    assert (progress.days_elapsed, progress.days_total) == (10, 30)
    assert progress.forecast == Decimal("36.0")  # 12 in 10 days -> 36 in 30
    assert progress.on_track is False
    assert progress.percent == Decimal("12.0")
    assert progress.series[0] == (NOV, 4)
    assert progress.series[-1] == (NOV + timedelta(days=9), 12)


def test_upcoming_goal_has_no_forecast(org, provide):
    provide("clicks_per_day", {NOV: 50})
    progress = goal_progress(goal(org, Metric.CLICKS), today=NOV - timedelta(days=1))
    assert progress.status == GoalStatus.UPCOMING
    assert (progress.value, progress.forecast, progress.on_track) == (0, None, None)


def test_one_day_period_on_its_day(org, provide):
    provide("own_posts_per_day", {NOV: 3})
    progress = goal_progress(goal(org, Metric.OWN_POSTS, target=3, days=1), today=NOV)
    assert (progress.value, progress.forecast, progress.on_track) == (3, 3, True)


def test_ended_goal_keeps_its_final_value(org, provide):
    g = goal(org, Metric.SHARES, target=10)
    g.final_value = Decimal(42)
    g.save()
    provide("shares_per_day", {NOV: 1})  # what the data says now no longer matters
    progress = goal_progress(g, today=NOV + timedelta(days=60))
    assert progress.status == GoalStatus.ENDED
    assert (progress.value, progress.forecast, progress.on_track) == (42, 42, True)
    assert progress.percent == Decimal("420.0")
    assert progress.bar_percent == 100


def test_active_ambassadors_counts_invited_but_only_participating_sharers(
    org, admin, manager, ambassador, leader, make_member, provide
):
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    make_member(org, status=MembershipStatus.INVITED)
    # 6 invited in all; the opted-out member's share is not counted.
    provide("sharer_ids", {ambassador.pk, leader.pk, opted_out.pk})
    value = metric_value(Metric.ACTIVE_AMBASSADORS, MetricQuery(org, NOV, NOV))
    assert value == Decimal("33.3")  # 2 of 6


def test_personalised_share_rate(org, provide):
    provide("shares_per_day", {NOV: 6, NOV + timedelta(days=1): 2})
    provide("personalised_shares_per_day", {NOV: 2, NOV + timedelta(days=1): 1})
    value = metric_value(Metric.PERSONALISED_SHARE_RATE, MetricQuery(org, NOV, NOV + timedelta(1)))
    assert value == Decimal("37.5")


def test_potential_reach_sums_participating_members_networks(
    org, ambassador, leader, make_member, outsider
):
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    for member, network, size in [
        (ambassador, "linkedin", 500), (ambassador, "x", 120), (leader, "linkedin", 3000),
        (opted_out, "linkedin", 9999), (outsider, "linkedin", 7777),
    ]:  # fmt: skip
        NetworkPresence.objects.create(user=member.user, network=network, audience_size=size)
    assert metric_value(Metric.POTENTIAL_REACH, MetricQuery(org, NOV, NOV)) == 3620
    theme = Theme.objects.create(organization=org, name="Solar")
    MemberTheme.objects.create(organization=org, membership=leader, theme=theme)
    query = MetricQuery(org, NOV, NOV, theme_id=theme.pk)
    assert metric_value(Metric.POTENTIAL_REACH, query) == 3000


def test_ambassadors_per_theme_is_the_weakest_theme_without_a_filter(
    org, ambassador, leader, make_member
):
    solar, wind = (Theme.objects.create(organization=org, name=n) for n in ("Solar", "Wind"))
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    for member, theme in [(ambassador, solar), (leader, solar), (opted_out, wind), (leader, wind)]:
        MemberTheme.objects.create(organization=org, membership=member, theme=theme)
    query = MetricQuery(org, NOV, NOV)
    assert metric_value(Metric.AMBASSADORS_PER_THEME, query) == 1  # wind: only the leader
    solar_query = MetricQuery(org, NOV, NOV, theme_id=solar.pk)
    assert metric_value(Metric.AMBASSADORS_PER_THEME, solar_query) == 2


def test_unknown_fact_cannot_be_provided():
    with pytest.raises(KeyError):
        metrics.provide_fact("likes_per_day", lambda query: {})


# --- Edge cases: empty periods, no data yet, leaders --------------------------------------------


def test_a_one_day_period_with_no_data_is_zero_for_every_metric(org, ambassador, facts):
    # Facts of the days around it (answered per period, as the real ones are) must not leak in.
    facts("shares_per_day", {NOV - timedelta(days=1): 5, NOV + timedelta(days=1): 7})
    facts("clicks_per_day", {NOV - timedelta(days=1): 9})
    query = MetricQuery(org, NOV, NOV)
    assert query.days() == [NOV]
    for metric in Metric.values:
        assert metric_value(metric, query) == 0, metric
    assert cumulative_series(Metric.SHARES, query) == [(NOV, 0)]


def test_a_rate_without_any_share_is_zero_not_a_division_by_zero(org, provide):
    provide("personalised_shares_per_day", {})
    provide("shares_per_day", {})
    assert metric_value(Metric.PERSONALISED_SHARE_RATE, MetricQuery(org, NOV, NOV)) == 0


def test_active_ambassadors_in_an_organisation_nobody_was_invited_to(make_org, provide):
    empty = make_org("Empty Ltd")
    provide("sharer_ids", set())
    assert metric_value(Metric.ACTIVE_AMBASSADORS, MetricQuery(empty, NOV, NOV)) == 0


def test_ambassadors_per_theme_without_themes_is_zero(org, ambassador):
    assert metric_value(Metric.AMBASSADORS_PER_THEME, MetricQuery(org, NOV, NOV)) == 0


@pytest.mark.parametrize(
    "metric",
    [Metric.SHARES, Metric.CLICKS, Metric.ACTIVE_AMBASSADORS, Metric.PERSONALISED_SHARE_RATE],
)
def test_a_running_goal_without_shares_waits_instead_of_being_off_track(org, metric):
    progress = goal_progress(goal(org, metric, target=50), today=NOV + timedelta(days=3))
    assert progress.status == GoalStatus.RUNNING
    assert progress.value == 0
    assert progress.waiting is True
    assert progress.on_track is None  # unknown, not "not on track"


def test_a_goal_on_its_single_day_without_data_waits(org):
    progress = goal_progress(goal(org, Metric.OWN_POSTS, target=1, days=1), today=NOV)
    assert (progress.days_elapsed, progress.days_total) == (1, 1)
    assert progress.waiting and progress.on_track is None


def test_the_first_share_ends_the_wait(org, provide):
    provide("shares_per_day", {NOV + timedelta(days=1): 1})
    progress = goal_progress(goal(org, Metric.CLICKS, target=50), today=NOV + timedelta(days=3))
    # Shared, but nobody clicked yet: that is real data, and it is not on track.
    assert progress.value == 0 and not progress.waiting
    assert progress.on_track is False


def test_states_never_wait(org, ambassador):
    progress = goal_progress(goal(org, Metric.POTENTIAL_REACH), today=NOV + timedelta(days=3))
    assert progress.value == 0 and not progress.waiting
    assert progress.on_track is False


def test_shares_before_the_period_do_not_end_the_wait(org, facts):
    facts("shares_per_day", {NOV - timedelta(days=3): 4})
    progress = goal_progress(goal(org, Metric.SHARES), today=NOV + timedelta(days=3))
    assert progress.waiting


def test_leaders_count_as_active_ambassadors_and_on_themes(org, leader, ambassador, provide):
    """Leaders take part like anyone (their example is shown separately, not left out)."""
    provide("sharer_ids", {leader.pk})
    assert metric_value(Metric.ACTIVE_AMBASSADORS, MetricQuery(org, NOV, NOV)) == 50  # 1 of 2
    NetworkPresence.objects.create(user=leader.user, network="linkedin", audience_size=800)
    assert metric_value(Metric.POTENTIAL_REACH, MetricQuery(org, NOV, NOV)) == 800
    theme = Theme.objects.create(organization=org, name="Solar")
    MemberTheme.objects.create(organization=org, membership=leader, theme=theme)
    assert metric_value(Metric.AMBASSADORS_PER_THEME, MetricQuery(org, NOV, NOV)) == 1
