"""Background work for link cards. Tasks are thin: they call a service.

Imported by ContentConfig.ready() so that the periodic job is registered (the scheduler only
autodiscovers modules named `tasks`)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from multiplier.core.scheduler import periodic

from .services.link_cards import link_card_fetch, link_cards_resume


@task()
def fetch_link_card(post_id: int) -> str:
    """Fetch the card of a post's link (returns "stored", "dropped" or "skipped")."""
    return link_card_fetch(post_id=post_id)


@periodic(every=timedelta(minutes=10))
@task()
def resume_link_cards() -> int:
    """Cards left pending by a worker that stopped are fetched again."""
    return link_cards_resume()
