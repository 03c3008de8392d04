"""Background work for link cards. Tasks are thin: they call a service."""

from __future__ import annotations

from django_tasks import task

from .services.link_cards import link_card_fetch


@task()
def fetch_link_card(post_id: int) -> str:
    """Fetch the card of a post's link (returns "stored", "dropped" or "skipped")."""
    return link_card_fetch(post_id=post_id)
