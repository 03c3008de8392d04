"""How the programme's actions read in the audit log (core/audit_display.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from multiplier.core.audit_display import register_action_labels

LABELS = {
    # goals
    "goal.created": _("Goal created"),
    "goal.updated": _("Goal changed"),
    "goal.deleted": _("Goal deleted"),
    "campaign.created": _("Campaign created"),
    "campaign.updated": _("Campaign changed"),
    "campaign.deleted": _("Campaign deleted"),
}


def register() -> None:
    register_action_labels(LABELS)
