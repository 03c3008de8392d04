"""Reads of tenancy data that several pages share."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from .models import Membership, MembershipStatus, Organization


def member_counts(organization: Organization) -> dict[str, int]:
    """Counts for the manager's overview. Only `invited` includes opted-out members."""
    counts = Membership.objects.for_org(organization).aggregate(
        invited=Count("id"),
        active=Count("id", filter=Q(status=MembershipStatus.ACTIVE)),
        pending=Count("id", filter=Q(status=MembershipStatus.INVITED)),
        leaders=Count("id", filter=Q(status=MembershipStatus.ACTIVE, is_leader=True)),
        onboarded=Count("id", filter=Q(status=MembershipStatus.ACTIVE, onboarded_at__isnull=False)),
    )
    return {key: value or 0 for key, value in counts.items()}


def org_home_context(membership: Membership) -> dict[str, Any]:
    context: dict[str, Any] = {}
    if membership.is_staff_role:
        context["counts"] = member_counts(membership.organization)
    return context
