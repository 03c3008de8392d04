"""The rhythm's hooks into core: the empty-cycle warning on the home page of managers and admins
(core renders it through its home-section registry, so core does not import content) and how the
rhythm's actions read in the audit log."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from multiplier.core.audit_display import register_action_labels
from multiplier.core.home import register_home_section
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm, can

from .selectors.calendar import next_cycle_check


def empty_cycle_section(membership: Membership) -> tuple[str, dict[str, Any]] | None:
    if not can(membership, Perm.RUN_PROGRAMME):
        return None
    check = next_cycle_check(membership.organization)
    if not check.due:
        return None
    return "content/calendar/_home_warning.html", {"check": check}


AUDIT_LABELS = {
    "post.moved": _("Post moved on the calendar"),
    "content.rhythm_changed": _("Content rhythm changed"),
}


def register() -> None:
    register_action_labels(AUDIT_LABELS)
    # Before the programme canvas (100): a cycle about to go empty is the more urgent news.
    register_home_section("empty_cycle_warning", empty_cycle_section, order=50)
