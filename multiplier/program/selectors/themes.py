"""Reads about themes: their order, whether they are in use, and who can be put on one."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Lower

from multiplier.core.models import Membership, MembershipQuerySet, MembershipStatus, Organization

from ..models import Campaign, Entity, Goal, MemberTheme, Theme

# What makes a theme "used": something refers to it, so deleting it would rewrite history.
_USES = {
    "members": MemberTheme.objects.filter(theme=OuterRef("pk")),
    "goals": Goal.objects.filter(theme=OuterRef("pk")),
    "campaigns": Campaign.themes.through.objects.filter(theme=OuterRef("pk")),
    "entities": Entity.themes.through.objects.filter(theme=OuterRef("pk")),
}


def theme_is_used(theme: Theme) -> bool:
    """Any member bond (opted-out members' included), goal, campaign or outside-world entity
    refers to it: then it can be archived, never deleted."""
    return any(uses.model.objects.filter(theme=theme).exists() for uses in _USES.values())


def themes_overview(organization: Organization) -> QuerySet[Theme]:
    """Every theme of the organisation in order (archived ones too), with `people` (participating
    members bound to it) and `is_used`."""
    people = (
        MemberTheme.objects.filter(theme=OuterRef("pk"), membership__status=MembershipStatus.ACTIVE)
        .values("theme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    used = Q()
    for uses in _USES.values():
        used |= Q(Exists(uses))
    return (
        Theme.objects.filter(organization=organization)
        .annotate(
            people=Coalesce(Subquery(people, output_field=IntegerField()), 0),
            is_used=ExpressionWrapper(used, output_field=BooleanField()),
        )
        .order_by("position", Lower("name"), "pk")
    )


def ordered_active_themes(organization: Organization) -> list[Theme]:
    return list(
        Theme.objects.filter(organization=organization)
        .active()
        .order_by("position", Lower("name"), "pk")
    )


def assignable_members(organization: Organization) -> MembershipQuerySet:
    """Who a manager can put on a theme: participating members only (opted-out and invited
    people never appear), by name."""
    return (
        Membership.objects.for_org(organization)
        .participating()
        .select_related("user")
        .order_by(Lower("user__name"), "user__email")
    )
