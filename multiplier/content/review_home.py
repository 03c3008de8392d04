"""On the home page of the programme team: how many posts wait for review (core renders it through
its home-section registry, so core does not import content)."""

from __future__ import annotations

from typing import Any

from multiplier.core.home import register_home_section
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm, can

from .selectors.review import review_waiting_count


def review_section(membership: Membership) -> tuple[str, dict[str, Any]] | None:
    if not can(membership, Perm.RUN_PROGRAMME):
        return None
    waiting = review_waiting_count(membership.organization)
    if not waiting:
        return None  # nothing to do: the home page stays calm
    return "content/review/_home.html", {"waiting": waiting}


def register() -> None:
    register_home_section("content_review", review_section, order=50)
