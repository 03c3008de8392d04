"""Reads for the review queue and a member's own proposals."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from multiplier.core.models import Membership, Organization

from ..models import Post, PostSource, PostStatus, Variant

WAITING = Q(status=PostStatus.IN_REVIEW) | Q(source=PostSource.FEED, status=PostStatus.DRAFT)


def _with_variants(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.prefetch_related(
        Prefetch("variants", queryset=Variant.objects.order_by("position", "pk"))
    )


def review_queue(organization: Organization) -> QuerySet[Post]:
    """What waits for review, oldest first (first come, first served); colleagues' proposals
    before feed drafts, because a person is waiting for those."""
    posts = (
        Post.objects.filter(organization=organization)
        .filter(WAITING)
        .select_related("author__user", "feed_item__source")
        .order_by("source", "created_at", "pk")  # "employee" sorts before "feed"
    )
    return _with_variants(posts)


def review_waiting_count(organization: Organization) -> int:
    return Post.objects.filter(organization=organization).filter(WAITING).count()


def my_proposals(membership: Membership) -> QuerySet[Post]:
    posts = Post.objects.filter(
        organization_id=membership.organization_id,
        author=membership,
        source=PostSource.EMPLOYEE,
    ).order_by("-created_at", "-pk")
    return _with_variants(posts)
