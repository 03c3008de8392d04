"""One access helper per programme type: another organisation's object and a missing one both
give 404 (see core/access.py)."""

from __future__ import annotations

from typing import Any

from multiplier.core.access import get_owned_or_404
from multiplier.core.models import Organization

from .models import (
    Campaign,
    Connection,
    Entity,
    Goal,
    GuardrailTerm,
    Level,
    MemberTheme,
    Policy,
    Theme,
)


def theme_for(organization: Organization, pk: Any) -> Theme:
    return get_owned_or_404(Theme.objects.all(), organization, pk=pk)


def member_theme_for(organization: Organization, pk: Any) -> MemberTheme:
    return get_owned_or_404(
        MemberTheme.objects.select_related("membership__user", "theme"), organization, pk=pk
    )


def level_for(organization: Organization, pk: Any) -> Level:
    return get_owned_or_404(Level.objects.all(), organization, pk=pk)


def goal_for(organization: Organization, pk: Any) -> Goal:
    return get_owned_or_404(Goal.objects.select_related("theme", "campaign"), organization, pk=pk)


def campaign_for(organization: Organization, pk: Any) -> Campaign:
    return get_owned_or_404(Campaign.objects.all(), organization, pk=pk)


def entity_for(organization: Organization, pk: Any) -> Entity:
    return get_owned_or_404(Entity.objects.all(), organization, pk=pk)


def connection_for(organization: Organization, pk: Any) -> Connection:
    return get_owned_or_404(
        Connection.objects.select_related("entity", "membership__user"), organization, pk=pk
    )


def policy_for(organization: Organization, pk: Any) -> Policy:
    return get_owned_or_404(Policy.objects.all(), organization, pk=pk)


def guardrail_term_for(organization: Organization, pk: Any) -> GuardrailTerm:
    return get_owned_or_404(GuardrailTerm.objects.all(), organization, pk=pk)
