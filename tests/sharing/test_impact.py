"""Impact pages read the click roll-up (LinkDay) only: "my impact" for the member, and per post
by version and network for managers, with the personalised share rate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from multiplier.core.models import MembershipStatus
from multiplier.sharing.impact import my_impact, post_impact
from multiplier.sharing.models import Share
from multiplier.sharing.services.shares import share_record, share_undo

from .factories import link_day, live_post

pytestmark = pytest.mark.django_db

ONE, TWO = "Heat pumps halve the bill.", "Half the gas bill, made in Groningen."


def _share(member, post, network, *, variant=0, own=False):
    chosen = list(post.variants.all())[variant]
    text = chosen.text + (" My own story about it, with many more words." if own else "")
    return share_record(
        membership=member, post=post, variant=chosen, network=network, text=text
    ).share


def _today(org):
    return timezone.localtime(timezone.now(), org.tz).date()


def test_my_impact_counts_shares_and_rolled_up_clicks(org, ambassador, make_member):
    today = _today(org)
    big = live_post(org, title="Big one", texts=(ONE, TWO))
    small = live_post(org, title="Small one", texts=(ONE,))
    a = _share(ambassador, big, "linkedin", own=True)
    b = _share(ambassador, small, "x")
    link_day(a.tracked_link, today, 7, bot_hits=40)  # bots are never counted
    link_day(a.tracked_link, today - timedelta(days=1), 3)
    link_day(b.tracked_link, today, 1)
    # Someone else's clicks are not mine; an undone share's link counts nowhere.
    other = _share(make_member(org), big, "linkedin")
    link_day(other.tracked_link, today, 50)
    undone = _share(ambassador, small, "bluesky")
    link_day(undone.tracked_link, today, 9)
    share_undo(share=undone, by=ambassador)

    impact = my_impact(ambassador, today)
    assert impact.shares == 2 and impact.clicks == 11
    by_network = {row.key: (row.shares, row.clicks) for row in impact.networks}
    assert by_network == {"linkedin": (1, 10), "x": (1, 1)}
    assert [(p.title, s, c) for p, s, c in impact.best_posts] == [
        ("Big one", 1, 10),
        ("Small one", 1, 1),
    ]
    bars = {bar.day: bar.clicks for bar in impact.chart.bars}
    assert bars[today] == 8 and bars[today - timedelta(days=1)] == 3
    assert len(impact.chart.bars) == 28
    assert impact.chart.bars[-1].shares == 2  # two shares today (the undone one not)
    tallest = max(impact.chart.bars, key=lambda bar: bar.clicks)
    assert tallest.day == today and float(tallest.height) > 0


def test_my_impact_page(org, ambassador, login):
    client = login(ambassador)
    page = client.get(reverse("my_impact", args=[org.slug])).content.decode()
    assert "No shares yet" in page
    post = live_post(org, title="Big one", texts=(ONE,))
    share = _share(ambassador, post, "linkedin")
    link_day(share.tracked_link, _today(org), 4)
    page = client.get(reverse("my_impact", args=[org.slug])).content.decode()
    assert 'data-stat="shares">1<' in page and 'data-stat="clicks">4<' in page
    assert "<svg" in page and 'class="impact-bar"' in page and "LinkedIn" in page
    assert "Big one" in page


def test_post_impact_per_variant_and_network(org, manager, make_member):
    today = _today(org)
    post = live_post(org, title="Heat", texts=(ONE, TWO))
    s1 = _share(make_member(org), post, "linkedin", variant=0, own=True)
    s2 = _share(make_member(org), post, "linkedin", variant=1)
    s3 = _share(make_member(org), post, "x", variant=1, own=True)
    s4 = _share(make_member(org), post, "x", variant=0)
    for share, clicks in ((s1, 5), (s2, 2), (s3, 1), (s4, 0)):
        link_day(share.tracked_link, today, clicks)
    # An opted-out member's share and clicks count nowhere.
    quitter = make_member(org)
    gone = _share(quitter, post, "linkedin")
    link_day(gone.tracked_link, today, 100)
    quitter.status = MembershipStatus.OPTED_OUT
    quitter.save()

    impact = post_impact(post)
    assert (impact.shares, impact.clicks, impact.personalised_rate) == (4, 8, 50)
    variants = {row.label: (row.shares, row.personalised, row.clicks) for row in impact.variants}
    assert variants == {"#1": (2, 1, 5), "#2": (2, 1, 3)}
    networks = {row.key: (row.shares, row.clicks, row.personalised_rate) for row in impact.networks}
    assert networks == {"linkedin": (2, 7, 50), "x": (2, 1, 50)}


def test_manager_pages_and_permissions(org, manager, ambassador, login):
    post = live_post(org, title="Heat", texts=(ONE, TWO))
    share = _share(ambassador, post, "linkedin", own=True)
    link_day(share.tracked_link, _today(org), 3)
    staff = login(manager)
    listing = staff.get(reverse("post_impact_list", args=[org.slug])).content.decode()
    detail_url = reverse("post_impact", args=[org.slug, post.pk])
    assert "Heat" in listing and detail_url in listing
    detail = staff.get(detail_url).content.decode()
    assert 'data-stat="personalised">100%<' in detail and 'data-stat="clicks">3<' in detail
    assert "Per version" in detail and "Per network" in detail
    assert login(ambassador).get(detail_url).status_code == 403
    assert login(ambassador).get(reverse("post_impact_list", args=[org.slug])).status_code == 403


def test_goal_metrics_read_shares_from_sharing(org, ambassador, make_member):
    from multiplier.program.metrics import MetricQuery, fact

    post = live_post(org, texts=(ONE,))
    _share(ambassador, post, "linkedin", own=True)
    _share(make_member(org), post, "x")
    undone = _share(make_member(org), post, "bluesky")
    share_undo(share=undone, by=undone.membership)
    quitter = make_member(org)
    _share(quitter, post, "linkedin")
    quitter.status = MembershipStatus.OPTED_OUT
    quitter.save()
    today = _today(org)
    query = MetricQuery(organization=org, start=today - timedelta(days=1), end=today)
    assert fact("shares_per_day", query) == {today: 2}
    assert fact("personalised_shares_per_day", query) == {today: 1}
    x_sharer = Share.objects.get(network="x").membership_id
    assert fact("sharer_ids", query) == {ambassador.pk, x_sharer}


def test_the_post_page_links_to_its_impact(org, manager, login):
    post = live_post(org, title="Linked one", texts=(ONE,))
    body = login(manager).get(reverse("post_detail", args=[org.slug, post.pk])).content.decode()
    impact = reverse("post_impact", args=[org.slug, post.pk])
    assert f'<a href="{impact}">Shares and clicks</a>' in body
