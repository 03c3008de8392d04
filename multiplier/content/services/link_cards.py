"""Link cards (OpenGraph / Twitter card) for posts.

INTERFACE FIRST: the post services call `link_card_request(post=...)` whenever a post's link is
set or changed; it marks the card pending and fetches it in the background. The fetcher itself
(content/fetch.py behind its SSRF guard, then parsing) is being built.
"""

from __future__ import annotations

from ..models import CardStatus, Post


def link_card_request(*, post: Post) -> None:
    """Ask for the card of `post.link` to be fetched (in the background)."""
    if not post.link:
        Post.objects.filter(pk=post.pk).update(card_status=CardStatus.NONE, card_error="")
        post.card_status = CardStatus.NONE
        return
    Post.objects.filter(pk=post.pk).update(card_status=CardStatus.PENDING, card_error="")
    post.card_status = CardStatus.PENDING
