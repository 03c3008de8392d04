"""Variant suggestion (sharing/variants.py): over many members, each team's use of the variants on
a network stays balanced within one, whatever the order in which members of teams arrive."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multiplier.sharing.models import Share
from multiplier.sharing.services.shares import share_record
from multiplier.sharing.variants import pick_variant, variant_suggestion

from .factories import live_post

arrivals = st.lists(
    st.tuples(st.sampled_from(["sales", "it", "hr", ""]), st.sampled_from(["linkedin", "x"])),
    min_size=1,
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(variant_count=st.integers(1, 6), members=arrivals)
def test_every_member_taking_the_suggestion_keeps_each_team_balanced(variant_count, members):
    variant_ids = [100 + n for n in range(variant_count)]
    used: Counter[tuple[str, str, int]] = Counter()  # (team, network, variant)
    for team, network in members:
        team_counts = {v: used[(team, network, v)] for v in variant_ids}
        org_counts = {
            v: sum(used[(t, network, v)] for t in ("sales", "it", "hr", "")) for v in variant_ids
        }
        chosen = pick_variant(variant_ids, team_counts, org_counts)
        assert chosen in variant_ids
        used[(team, network, chosen)] += 1
    for team, network in set(members):
        counts = [used[(team, network, v)] for v in variant_ids]
        assert max(counts) - min(counts) <= 1, (team, network, counts)


@settings(max_examples=100, deadline=None)
@given(
    variant_count=st.integers(2, 5),
    members=st.lists(st.sampled_from(["sales", "it"]), min_size=2, max_size=60),
)
def test_colleagues_in_other_teams_spread_the_organisation_as_well(variant_count, members):
    """The tie-break on organisation-wide use: two teams taking turns do not both start with
    the first variant."""
    variant_ids = list(range(variant_count))
    used: Counter[tuple[str, int]] = Counter()
    for team in members:
        team_counts = {v: used[(team, v)] for v in variant_ids}
        org_counts = {v: used[("sales", v)] + used[("it", v)] for v in variant_ids}
        used[(team, pick_variant(variant_ids, team_counts, org_counts))] += 1
    totals = [used[("sales", v)] + used[("it", v)] for v in variant_ids]
    assert max(totals) - min(totals) <= 2


def test_the_suggestion_is_deterministic_and_none_without_variants():
    assert pick_variant([], {}, {}) is None
    assert pick_variant([3, 1, 2], {}, {}) == 3  # the first in order when nothing was used
    assert pick_variant([3, 1, 2], {3: 1, 1: 1, 2: 1}, {3: 2, 1: 1, 2: 5}) == 1


@pytest.mark.django_db
def test_members_of_a_team_sharing_in_turn_get_each_variant_in_turn(org, make_member):
    post = live_post(org, texts=("One.", "Two.", "Three."))
    variants = list(post.variants.all())
    seen = []
    for n in range(7):
        member = make_member(org, team="Sales")
        suggested = variant_suggestion(post=post, membership=member, network="linkedin")
        seen.append(suggested.text)
        share_record(
            membership=member, post=post, variant=suggested, network="linkedin",
            text=f"{suggested.text} (member {n})",
        )  # fmt: skip
    assert seen == ["One.", "Two.", "Three.", "One.", "Two.", "Three.", "One."]
    counts = Counter(Share.objects.filter(post=post).values_list("variant", flat=True))
    assert sorted(counts[v.pk] for v in variants) == [2, 2, 3]


@pytest.mark.django_db
def test_other_networks_and_undone_shares_do_not_count(org, make_member):
    post = live_post(org, texts=("One.", "Two."))
    first = make_member(org, team="Sales")
    one = post.variants.get(text="One.")
    recorded = share_record(membership=first, post=post, variant=one, network="x", text="One.")
    colleague = make_member(org, team="Sales")
    assert variant_suggestion(post=post, membership=colleague, network="linkedin").text == "One."
    assert variant_suggestion(post=post, membership=colleague, network="x").text == "Two."
    Share.objects.filter(pk=recorded.share.pk).update(undone_at=recorded.share.created_at)
    assert variant_suggestion(post=post, membership=colleague, network="x").text == "One."


@pytest.mark.django_db
def test_a_variant_meant_for_other_networks_is_not_suggested(org, ambassador):
    post = live_post(org, texts=("Short for X.", "Long for LinkedIn."))
    post.variants.filter(text="Short for X.").update(networks=["x"])
    suggested = variant_suggestion(post=post, membership=ambassador, network="linkedin")
    assert suggested.text == "Long for LinkedIn."
