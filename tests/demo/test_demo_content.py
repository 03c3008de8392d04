"""The demo organisation's content calendar: past cycles with posts, the running cycle with live
posts, and a next cycle one post short, so the empty-cycle warning shows. Building it twice
changes nothing; a demo started weeks later is placed around the new today."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from multiplier.content.models import CardStatus, Post, PostStatus, Variant
from multiplier.content.selectors.calendar import calendar_for, next_cycle_check
from multiplier.core.models import Organization
from multiplier.demo.content import POSTS
from multiplier.demo.data import DEMO_ORG_SLUG, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


SLUGS = [post.slug for post in POSTS]


def _demo() -> Organization:
    call_command("demo", stdout=None)
    return Organization.objects.get(slug=DEMO_ORG_SLUG)


def _state(org: Organization) -> list[tuple]:
    return sorted(
        Post.objects.filter(organization=org).values_list(
            "slug", "status", "starts_at", "ends_at", "went_live_at"
        )
    )


def test_demo_has_a_full_calendar_and_a_too_quiet_next_cycle():
    org = _demo()
    # The calendar's posts (other parts of the demo add proposals and drafts of their own).
    assert 14 <= Post.objects.filter(organization=org, slug__in=SLUGS).count() == len(POSTS) <= 20
    calendar = calendar_for(org)
    past = [c for c in calendar.cycles if c.is_past]
    assert len(past) == 3 and all(c.posts for c in past)
    assert {p.status for c in past for p in c.posts} == {PostStatus.LIVE, PostStatus.ARCHIVED}
    assert calendar.current.posts and calendar.current.counted >= 2
    assert any(p.status == PostStatus.LIVE for p in calendar.current.posts)
    assert [p.status for p in calendar.next.posts] == [PostStatus.SCHEDULED]
    assert calendar.next.flagged and calendar.warn_next
    assert next_cycle_check(org).due  # what the hourly job e-mails about


def test_demo_posts_are_believable():
    org = _demo()
    calendar_posts = Post.objects.filter(organization=org, slug__in=SLUGS)
    for post in calendar_posts.prefetch_related("themes", "variants"):
        variants = list(post.variants.all())
        assert 2 <= len(variants) <= 3, post.slug
        assert len({v.text for v in variants}) == len(variants)
        assert post.link.startswith("https://example.org/")
        assert post.card_status in (CardStatus.NONE, CardStatus.FAILED)
        assert post.themes.exists(), post.slug
        if post.status in (PostStatus.LIVE, PostStatus.ARCHIVED):
            assert post.went_live_at is not None and post.starts_at <= timezone.now()
    assert Post.objects.filter(organization=org, campaign__name="Warmte in de wijk").count() >= 3


def test_demo_content_is_idempotent():
    org = _demo()
    first = (_state(org), Variant.objects.count())
    _demo()
    assert (_state(org), Variant.objects.count()) == first


def test_demo_leaves_a_moved_post_alone():
    org = _demo()
    post = Post.objects.get(organization=org, status=PostStatus.SCHEDULED,
                            slug=POSTS[-1].slug)  # fmt: skip
    moved = post.starts_at + timedelta(days=3)
    Post.objects.filter(pk=post.pk).update(starts_at=moved)
    _demo()
    post.refresh_from_db()
    assert post.starts_at == moved


def test_an_aged_demo_is_placed_around_today_again():
    org = _demo()
    # Four weeks pass: every post of the demo's calendar is in the past now.
    for post in Post.objects.filter(organization=org, slug__in=SLUGS):
        Post.objects.filter(pk=post.pk).update(
            starts_at=post.starts_at - timedelta(days=28), status=PostStatus.LIVE
        )
    assert not calendar_for(org).next.posts
    _demo()
    calendar = calendar_for(org)
    assert [p.status for p in calendar.next.posts] == [PostStatus.SCHEDULED]
    assert all(c.posts for c in calendar.cycles if c.is_past)


def test_the_demo_manager_sees_the_warning_and_the_calendar():
    _demo()
    client = Client()
    client.post("/accounts/login/",
                {"login": "manager@noorderlicht.example", "password": DEMO_PASSWORD})  # fmt: skip
    home = client.get(f"/o/{DEMO_ORG_SLUG}/").content.decode()
    # The demo manager reads Dutch.
    assert "De volgende cyclus is te stil" in home
    calendar = client.get(f"/o/{DEMO_ORG_SLUG}/content/calendar/").content.decode()
    assert "Tot ziens op het Energiecongres Noord" in calendar
    assert "Er is nog 1 post nodig" in calendar
