"""Tracking's test helpers: a post with a link, a tracked link, a spool folder per test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from multiplier.content.models import Post, PostStatus, Variant
from multiplier.tracking import redirector
from multiplier.tracking.models import TrackedLink
from multiplier.tracking.services.links import tracked_link_create
from multiplier.tracking.visitors import forget_keys

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def spool_dir(settings, tmp_path):
    """Every test spools into its own folder and starts with empty caches (they live per
    process and would otherwise carry one test's links and keys into the next)."""
    settings.CLICK_SPOOL_DIR = tmp_path / "clicks"
    redirector.cache.clear()
    redirector._spool = None
    forget_keys()
    yield settings.CLICK_SPOOL_DIR
    redirector.cache.clear()
    redirector._spool = None
    forget_keys()


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
