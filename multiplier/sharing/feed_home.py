"""The feed as a section of the organisation's home page (core/home.py registry): the first
posts of the member's feed, with a link to all of them."""

from __future__ import annotations

from typing import Any

from multiplier.core.home import register_home_section
from multiplier.core.models import Membership

from .feed import feed_for

HOME_COUNT = 10


def _section(membership: Membership) -> tuple[str, dict[str, Any]] | None:
    if not membership.is_active:
        return None
    feed = feed_for(membership)
    if not feed:
        return None  # the home page's own "nothing to share yet" says what to expect
    return "sharing/_home_feed.html", {
        "entries": feed.page(0, HOME_COUNT),
        "total": len(feed),
        "more": len(feed) > HOME_COUNT,
    }


def register() -> None:
    # After the programme canvas (order 100), which only managers get: for a manager who also
    # shares, running the programme comes first on their home page.
    register_home_section("sharing_feed", _section, order=150)
