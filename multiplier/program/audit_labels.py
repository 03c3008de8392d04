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
    # themes, employees per theme, levels
    "theme.created": _("Theme created"),
    "theme.updated": _("Theme changed"),
    "theme.moved": _("Theme moved"),
    "theme.archived": _("Theme archived"),
    "theme.restored": _("Theme restored"),
    "theme.deleted": _("Theme deleted"),
    "member_theme.declared": _("Theme chosen by a member"),
    "member_theme.assigned": _("Member assigned to a theme"),
    "member_theme.expert_confirmed": _("Expert confirmed"),
    "member_theme.confirmation_withdrawn": _("Expert confirmation withdrawn"),
    "member_theme.removed": _("Member taken off a theme"),
    "programme.coverage_thresholds_changed": _("Coverage thresholds changed"),
    "level.created": _("Level created"),
    "level.updated": _("Level changed"),
    "level.moved": _("Level moved"),
    "level.deleted": _("Level deleted"),
    "member_level.set": _("Member's level set"),
    "member_level.cleared": _("Member's level cleared"),
    # the social media policy and guardrail terms
    "policy.published": _("Social media policy published"),
    "policy.accepted": _("Social media policy accepted"),
    "guardrail.added": _("Guardrail term added"),
    "guardrail.changed": _("Guardrail term changed"),
    "guardrail.removed": _("Guardrail term removed"),
    "guardrail.defaults_restored": _("Default guardrail terms restored"),
    # the outside world
    "entity.created": _("Outside world: entity added"),
    "entity.updated": _("Outside world: entity changed"),
    "entity.deleted": _("Outside world: entity deleted"),
    "connection.added": _("Outside world: connection added"),
    "connection.removed": _("Outside world: connection removed"),
}


def register() -> None:
    register_action_labels(LABELS)
