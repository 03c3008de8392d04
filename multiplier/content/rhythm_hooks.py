"""The rhythm's hooks into core: the empty-cycle warning on the home page of managers and admins
(core renders it through its home-section registry, so core does not import content) and how the
rhythm's actions read in the audit log."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from multiplier.core.audit_display import register_action_labels, register_detail_labels
from multiplier.core.home import register_home_section
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm, can

from .models import ContentSettings, Post
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


def _detail_labels() -> dict[str, Any]:
    # The recorded values are fields of Post and ContentSettings: their own names.
    return {
        "starts_at": Post._meta.get_field("starts_at").verbose_name,
        "ends_at": Post._meta.get_field("ends_at").verbose_name,
        **{
            name: ContentSettings._meta.get_field(name).verbose_name
            for name in ("cycle_anchor", "min_posts_per_cycle", "warn_days_before")
        },
    }


def register() -> None:
    register_action_labels(AUDIT_LABELS)
    register_detail_labels(_detail_labels())
    # Before the programme canvas (100): a cycle about to go empty is the more urgent news.
    register_home_section("empty_cycle_warning", empty_cycle_section, order=50)
