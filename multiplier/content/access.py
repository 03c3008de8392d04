"""One access helper per content type: another organisation's object and a missing one both give
404 (see core/access.py)."""

from __future__ import annotations

from typing import Any

from multiplier.core.access import get_owned_or_404
from multiplier.core.models import Organization

from .models import FeedSource, Post, Variant


def post_for(organization: Organization, pk: Any) -> Post:
    return get_owned_or_404(
        Post.objects.select_related("campaign", "author__user"), organization, pk=pk
    )


def variant_for(organization: Organization, pk: Any) -> Variant:
    return get_owned_or_404(Variant.objects.select_related("post"), organization, pk=pk)


def feed_source_for(organization: Organization, pk: Any) -> FeedSource:
    return get_owned_or_404(FeedSource.objects.all(), organization, pk=pk)
