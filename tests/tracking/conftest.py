"""Tracking's test helpers: a post with a link, a tracked link, the test's spool folder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from multiplier.content.models import Post, PostStatus, Variant
from multiplier.tracking.models import TrackedLink
from multiplier.tracking.services.links import tracked_link_create

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def spool_dir(_own_click_spool):
    """This test's spool folder (tests/conftest.py gives every test its own)."""
    return _own_click_spool


@pytest.fixture
def make_link(org, ambassador) -> Callable[..., TrackedLink]:
    def make(link: str = "https://example.org/news?id=7", *, organization=None, **fields):
        organization = organization or org
        n = Post.objects.filter(organization=organization).count() + 1
        post = Post.objects.create(
            organization=organization,
            title=f"Post {n}",
            slug=f"post-{n}",
            link=link,
            status=PostStatus.LIVE,
            **fields,
        )
        variant = Variant.objects.create(organization=organization, post=post, text="Look")
        member = ambassador if organization == org else None
        return tracked_link_create(
            post=post, variant=variant, network="linkedin", membership=member
        )

    return make
