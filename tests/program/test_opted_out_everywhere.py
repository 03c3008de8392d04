"""Opt-in is sacred: one opted-out member, with every trace a participant would leave (confirmed
expertise, an interest, a tie to a key influencer, a network, shares), is absent from coverage,
the outside-world map and its suggestions, the goal metrics and the level suggestions.

The same things for a participating colleague are counted, so each assertion would fail if the
feature counted nobody at all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from multiplier.accounts.models import NetworkPresence
from multiplier.core.models import MembershipStatus
from multiplier.program.canvas import outside_step, people_step
from multiplier.program.metrics import MetricQuery, metric_value
from multiplier.program.models import (
    Connection,
    Entity,
    MemberTheme,
    Metric,
    Theme,
    ThemeRelation,
)
from multiplier.program.selectors.coverage import coverage, theme_coverage
from multiplier.program.selectors.levels import suggestions
from multiplier.program.selectors.outside_world import (
    connection_suggestions,
    theme_map,
    unconnected_entities,
)

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 2)


@pytest.fixture
def world(org, ambassador, leader, make_member, facts):
    """Amber (ambassador) and Olga (opted out) are both confirmed experts on Solar, both shared
    and both have a network; the leader is interested in Solar. Only Olga follows the key
    influencer; Wind is a theme only Olga chose."""
    olga = make_member(org, name="Olga Opted-Out", status=MembershipStatus.OPTED_OUT)
    solar = Theme.objects.create(organization=org, name="Solar")
    wind = Theme.objects.create(organization=org, name="Wind", position=1)
    now = timezone.now()
    for member, theme, relation, confirmed in [
        (ambassador, solar, ThemeRelation.EXPERTISE, now),
        (olga, solar, ThemeRelation.EXPERTISE, now),
        (olga, wind, ThemeRelation.INTEREST, None),
        (leader, solar, ThemeRelation.INTEREST, None),
    ]:
        MemberTheme.objects.create(
            organization=org, membership=member, theme=theme, relation=relation,
            confirmed_at=confirmed,
        )  # fmt: skip
    influencer = Entity.objects.create(
        organization=org, name="Sunny Sam", kind="influencer", is_key=True
    )
    influencer.themes.set([solar, wind])
    Connection.objects.create(organization=org, entity=influencer, membership=olga, kind="follows")
    NetworkPresence.objects.create(user=ambassador.user, network="linkedin", audience_size=300)
    NetworkPresence.objects.create(user=olga.user, network="linkedin", audience_size=9000)
    facts("sharer_ids", {ambassador.pk, olga.pk})
    facts("shares_per_day", {DAY: 2})
    return {"olga": olga, "solar": solar, "wind": wind, "influencer": influencer}


def test_not_on_the_coverage_picture(org, ambassador, leader, world):
    olga = world["olga"]
    covered = coverage(org)
    solar, wind = covered.themes
    assert [p.membership for p in solar.people] == [ambassador, leader]
    assert (solar.ambassadors, solar.experts, solar.leaders) == (2, 1, 1)
    assert wind.people == [] and wind.ambassadors == 0
    assert olga not in covered.without_theme
    assert covered.participating == 2  # ambassador and leader; Olga is not counted
    assert theme_coverage(world["wind"]).people == []
    # The canvas says the same: nobody on Wind, so it is flagged.
    assert "Olga" not in people_step(org).summary


def test_not_on_the_outside_world_map_nor_in_its_suggestions(org, ambassador, world):
    olga, solar, influencer = world["olga"], world["solar"], world["influencer"]
    picture = theme_map(org, solar)
    assert picture.people == [ambassador]  # the other confirmed expert, without ties yet
    assert picture.connections == []
    assert not picture.rows()[0].connected
    # Her tie does not make the influencer connected, on the list or on the canvas.
    assert unconnected_entities(org, today=DAY) == [influencer]
    assert "1 has nobody connected to it." in outside_step(org).summary
    suggested = [(s.membership, s.entity) for s in connection_suggestions(org, today=DAY)]
    assert suggested == [(ambassador, influencer)]
    assert olga not in {s.membership for s in connection_suggestions(org, today=DAY)}


def test_not_in_the_goal_metrics(org, admin, manager, ambassador, leader, world):
    query = MetricQuery(org, DAY, DAY)
    # 5 invited (she counts there, the one count that includes her); 1 participating sharer.
    assert metric_value(Metric.ACTIVE_AMBASSADORS, query) == Decimal("20.0")
    assert metric_value(Metric.POTENTIAL_REACH, query) == 300
    # Solar: Amber and the leader. Wind: nobody (only Olga chose it), so the weakest is 0.
    assert metric_value(Metric.AMBASSADORS_PER_THEME, query) == 0
    solar_query = MetricQuery(org, DAY, DAY, theme_id=world["solar"].pk)
    assert metric_value(Metric.AMBASSADORS_PER_THEME, solar_query) == 2
    assert metric_value(Metric.POTENTIAL_REACH, solar_query) == 300
    wind_query = MetricQuery(org, DAY, DAY, theme_id=world["wind"].pk)
    assert metric_value(Metric.POTENTIAL_REACH, wind_query) == 0


def test_not_in_the_level_suggestions(org, ambassador, world):
    olga = world["olga"]
    found = suggestions(org, [ambassador, olga])
    assert olga.pk not in found
    assert found[ambassador.pk].counts.expert_themes == 1
