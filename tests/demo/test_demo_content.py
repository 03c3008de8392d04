"""The demo's own content: a paused content source and two proposals, one waiting and one
approved; building twice changes nothing, and nobody is e-mailed."""

from __future__ import annotations

import pytest
from django.core import mail

from multiplier.content.models import FeedSource, Post, PostSource, PostStatus
from multiplier.content.selectors.review import review_waiting_count
from multiplier.demo.builder import build_demo

pytestmark = pytest.mark.django_db


def test_demo_has_a_content_source_and_proposals(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org = build_demo()
        build_demo()
    [source] = FeedSource.objects.filter(organization=org)
    assert not source.is_active and source.url.startswith("https://example.com/")
    own = Post.objects.filter(organization=org, source=PostSource.EMPLOYEE)
    assert sorted(own.values_list("status", flat=True)) == [PostStatus.IN_REVIEW, PostStatus.LIVE]
    assert own.get(status=PostStatus.LIVE).author.user.email == "ambassador@noorderlicht.example"
    assert review_waiting_count(org) == 1
    assert mail.outbox == []
