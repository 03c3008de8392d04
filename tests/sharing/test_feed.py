"""The ambassador feed: live posts whose audience includes the member, their themes first, "new
this cycle" marked, already-shared ones shown as such; cached safely (sharing/feed.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from multiplier.content.models import Audience, ContentSettings, PostStatus
from multiplier.program.models import MemberTheme, Theme
from multiplier.sharing.feed import feed_for
from multiplier.sharing.services.shares import share_record, share_undo

from .factories import live_post

pytestmark = pytest.mark.django_db


def _titles(membership) -> list[str]:
    return [entry.post.title for entry in feed_for(membership).entries]


def test_only_live_posts_in_their_window(org, ambassador):
    now = timezone.now()
    live_post(org, title="Live")
    live_post(org, title="Draft", status=PostStatus.DRAFT)
    live_post(org, title="Scheduled", status=PostStatus.SCHEDULED)
    live_post(org, title="Not yet", starts_at=now + timedelta(hours=2))
    live_post(
        org, title="Over", starts_at=now - timedelta(days=3), ends_at=now - timedelta(hours=1)
    )
    live_post(org, title="Archived", status=PostStatus.ARCHIVED)
    assert _titles(ambassador) == ["Live"]


def test_audiences(org, make_member):
    energy = Theme.objects.create(organization=org, name="Energy")
    sales = make_member(org, team="Sales")
    it = make_member(org, team="IT")
    boss = make_member(org, team="IT", is_leader=True)
    MemberTheme.objects.create(organization=org, membership=it, theme=energy)
    live_post(org, title="All")
    live_post(org, title="Sales only", audience=Audience.TEAMS, audience_teams=["Sales"])
    live_post(org, title="Leaders", audience=Audience.LEADERS)
    themed = live_post(org, title="Energy people", audience=Audience.THEMES)
    themed.audience_themes.add(energy)
    assert set(_titles(sales)) == {"All", "Sales only"}
    assert set(_titles(it)) == {"All", "Energy people"}
    assert set(_titles(boss)) == {"All", "Leaders"}


def test_posts_on_my_themes_first_then_newest(org, ambassador):
    energy = Theme.objects.create(organization=org, name="Energy")
    MemberTheme.objects.create(organization=org, membership=ambassador, theme=energy)
    now = timezone.now()
    live_post(org, title="Old general", starts_at=now - timedelta(days=2))
    on_theme = live_post(org, title="Old on theme", starts_at=now - timedelta(days=3))
    on_theme.themes.add(energy)
    live_post(org, title="New general", starts_at=now - timedelta(hours=1))
    assert _titles(ambassador) == ["Old on theme", "New general", "Old general"]
    assert [e.on_my_themes for e in feed_for(ambassador).entries] == [True, False, False]


def test_new_this_cycle(org, ambassador):
    today = timezone.localtime(timezone.now(), org.tz).date()
    ContentSettings.objects.filter(organization=org).update(cycle_anchor=today)
    settings = ContentSettings.objects.get(organization=org)
    settings.save()  # through the model, as the settings page would: the feed follows
    now = timezone.now()
    live_post(org, title="This cycle", starts_at=now - timedelta(minutes=1))
    live_post(org, title="Last cycle", starts_at=now - timedelta(days=3))
    marks = {e.post.title: e.new_this_cycle for e in feed_for(ambassador).entries}
    assert marks == {"This cycle": True, "Last cycle": False}


def test_shared_posts_are_marked_until_undone(org, ambassador):
    post = live_post(org, title="Heat pumps")
    assert not feed_for(ambassador).entries[0].shared
    recorded = share_record(
        membership=ambassador, post=post, variant=post.variants.first(), network="linkedin",
        text="Look at this!",
    )  # fmt: skip
    assert feed_for(ambassador).entries[0].shared
    share_undo(share=recorded.share, by=ambassador)
    assert not feed_for(ambassador).entries[0].shared


def test_the_cache_follows_every_change(org, ambassador, django_assert_max_num_queries):
    post = live_post(org, title="Before")
    assert _titles(ambassador) == ["Before"]
    post.title = "After"
    post.save()
    assert _titles(ambassador) == ["After"]
    variant = post.variants.first()
    variant.text = "New words"
    variant.save()
    assert feed_for(ambassador).entries[0].post.excerpt == "New words"
    theme = Theme.objects.create(organization=org, name="Energy")
    post.themes.add(theme)
    assert feed_for(ambassador).entries[0].post.themes == (("Energy", theme.colour),)
    post.status = PostStatus.ARCHIVED
    post.save()
    assert _titles(ambassador) == []
    # Once built, a member's feed costs a handful of small queries, whatever the number of posts.
    for _ in range(30):
        live_post(org)
    feed_for(ambassador)
    with django_assert_max_num_queries(3):
        assert len(feed_for(ambassador)) == 30


def test_the_feed_is_the_ambassadors_home_and_has_its_own_page(org, ambassador, login):
    client = login(ambassador)
    page = client.get(reverse("org_home", args=[org.slug])).content.decode()
    assert "Nothing to share yet" in page and "home-feed-heading" not in page
    post = live_post(org, title="Heat pumps halve the bill")
    page = client.get(reverse("org_home", args=[org.slug])).content.decode()
    assert "Heat pumps halve the bill" in page and "Nothing to share yet" not in page
    assert reverse("share_post", args=[org.slug, post.pk]) in page
    feed_page = client.get(reverse("sharing_feed", args=[org.slug])).content.decode()
    assert "Heat pumps halve the bill" in feed_page


def test_the_feed_page_pages_with_htmx(org, ambassador, login):
    for n in range(25):
        live_post(
            org, title=f"Numbered {n:02d}", starts_at=timezone.now() - timedelta(minutes=n + 1)
        )
    client = login(ambassador)
    url = reverse("sharing_feed", args=[org.slug])
    first = client.get(url).content.decode()
    assert "Numbered 00" in first and "Numbered 19" in first and "Numbered 20" not in first
    more = client.get(url + "?page=2", headers={"HX-Request": "true"}).content.decode()
    assert "Numbered 20" in more and "Numbered 24" in more and "<html" not in more


def test_an_empty_feed_says_what_to_do(org, ambassador, login):
    page = login(ambassador).get(reverse("sharing_feed", args=[org.slug])).content.decode()
    assert "Nothing to share yet" in page
    assert reverse("profile", args=[org.slug]) in page


def test_opted_out_members_get_no_feed(org, make_member, login):
    from multiplier.core.models import MembershipStatus

    quitter = make_member(org, status=MembershipStatus.OPTED_OUT)
    live_post(org)
    assert login(quitter).get(reverse("sharing_feed", args=[org.slug])).status_code == 403


def test_cards_rendered_once_still_differ_per_member_and_language(org, make_member, login):
    english = make_member(org)
    dutch = make_member(org, language="nl")
    manager = make_member(org, role="manager")
    post = live_post(org, title="Heat pumps", texts=("One.", "Two."))
    share_record(
        membership=english, post=post, variant=post.variants.first(), network="linkedin",
        text="One.",
    )  # fmt: skip
    url = reverse("sharing_feed", args=[org.slug])
    mine = login(english).get(url).content.decode()
    assert "Share again" in mine and "2 versions" in mine
    theirs = login(dutch).get(url).content.decode()
    assert "Delen" in theirs and "Nog eens delen" not in theirs and "2 versies" in theirs
    assert reverse("post_impact", args=[org.slug, post.pk]) not in theirs
    staff = login(manager).get(url).content.decode()
    assert reverse("post_impact", args=[org.slug, post.pk]) in staff
    assert "Share again" in login(english).get(url).content.decode()


def test_kept_selections_follow_time_and_the_member(org, make_member):
    """Members alike share one selection per feed version (OrgFeed.selection): it must still
    follow a post's window opening and closing, and the member's own themes, team and
    leadership, none of which changes the feed version."""
    member = make_member(org, team="Sales")
    now = timezone.now()
    live_post(org, title="All", starts_at=now - timedelta(hours=3))
    live_post(org, title="Later", starts_at=now + timedelta(hours=1))
    live_post(
        org, title="Ending", starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=2)
    )
    live_post(org, title="IT only", audience=Audience.TEAMS, audience_teams=["IT"])
    live_post(org, title="Leaders", audience=Audience.LEADERS)
    energy = Theme.objects.create(organization=org, name="Energy")
    live_post(org, title="Energy people", audience=Audience.THEMES).audience_themes.add(energy)

    def titles(at):
        return [e.post.title for e in feed_for(member, now=at).entries]

    assert titles(now) == ["Ending", "All"]
    assert titles(now + timedelta(minutes=90)) == ["Later", "Ending", "All"]
    assert titles(now + timedelta(hours=3)) == ["Later", "All"]
    assert titles(now) == ["Ending", "All"]  # back in the first stretch: the same answer
    member.team = "IT"
    member.save()
    assert titles(now) == ["IT only", "Ending", "All"]
    member.is_leader = True
    member.save()
    assert "Leaders" in titles(now)
    MemberTheme.objects.create(organization=org, membership=member, theme=energy)
    assert "Energy people" in titles(now)
    member.team, member.is_leader = "Sales", False
    member.save()
    MemberTheme.objects.filter(membership=member).delete()
    assert titles(now) == ["Ending", "All"]


def test_the_feed_page_costs_a_fixed_few_queries(org, ambassador, login):
    """Session, user, memberships (the menu's other organisations included), the policy gate,
    the feed version, the member's themes and shares: whatever the number of posts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(30):
        live_post(org)
    client = login(ambassador)
    url = reverse("sharing_feed", args=[org.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 6, [q["sql"] for q in queries]
