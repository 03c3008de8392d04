"""Reads of tenancy data that several pages share."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf

from .models import AuditEvent, Membership, MembershipQuerySet, MembershipStatus, Organization


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
    else:
        # The empty home asks for someone's networks only while they have not given any (most
        # people give them during onboarding, just before they land here).
        context["has_networks"] = membership.user.networks.exists()
    return context


# --- The members page ---------------------------------------------------------------------------

MEMBER_SORTS: dict[str, list[Any]] = {
    "name": [Lower("sort_name"), "pk"],
    "-name": [Lower("sort_name").desc(), "-pk"],
    "email": ["user__email"],
    "team": [Lower("team"), Lower("sort_name")],
    "role": ["role", Lower("sort_name")],
    "-joined": [F("joined_at").desc(nulls_last=True), "-pk"],
    "joined": [F("joined_at").asc(nulls_last=True), "pk"],
}


def _members(organization: Organization) -> MembershipQuerySet:
    return (
        Membership.objects.for_org(organization)
        .select_related("user")
        .annotate(
            sort_name=Coalesce(
                NullIf("user__name", Value("")), "user__email", output_field=CharField()
            )
        )
    )


def listed_members(organization: Organization) -> MembershipQuerySet:
    """The people the members page lists: those taking part and those still invited (so an admin
    sees whose invitation is pending). Opted-out members are never listed (the opt-in
    invariant), which is why this does not start from `participating()` yet excludes them."""
    return _members(organization).exclude(status=MembershipStatus.OPTED_OUT)


def member_search(
    organization: Organization,
    *,
    query: str = "",
    team: str = "",
    role: str = "",
    status: str = "",
    leaders_only: bool = False,
    sort: str = "name",
    find_opted_out: bool = False,
) -> MembershipQuerySet:
    shown = ~Q(status=MembershipStatus.OPTED_OUT)
    query = query.strip()
    if query and find_opted_out:
        # An opted-out member is found only by their exact e-mail address: an admin must be
        # able to remove a leaver who opted out, but browsing and partial searches never reveal
        # who opted out.
        shown |= Q(status=MembershipStatus.OPTED_OUT, user__email__iexact=query)
    members = _members(organization).filter(shown)
    if query:
        members = members.filter(Q(user__name__icontains=query) | Q(user__email__icontains=query))
    if team:
        members = members.filter(team=team)
    if role:
        members = members.filter(role=role)
    if status:
        members = members.filter(status=status)
    if leaders_only:
        members = members.filter(is_leader=True)
    return members.order_by(*MEMBER_SORTS.get(sort, MEMBER_SORTS["name"]))


def member_status_counts(organization: Organization) -> dict[str, int]:
    counts = Membership.objects.for_org(organization).aggregate(
        active=Count("id", filter=Q(status=MembershipStatus.ACTIVE)),
        invited=Count("id", filter=Q(status=MembershipStatus.INVITED)),
        opted_out=Count("id", filter=Q(status=MembershipStatus.OPTED_OUT)),
        leaders=Count("id", filter=Q(status=MembershipStatus.ACTIVE, is_leader=True)),
    )
    return {key: value or 0 for key, value in counts.items()}


def org_teams(organization: Organization) -> list[str]:
    """Teams already used in the organisation (for the filter and the team field's suggestions),
    taken from listed members only, so a team nobody but an opted-out person is in stays hidden."""
    teams = (
        listed_members(organization)
        .exclude(team="")
        .values_list("team", flat=True)
        .distinct()
        .order_by("team")
    )
    return list(teams)


# --- The audit log ------------------------------------------------------------------------------

# Account events carry no organisation (a login is not made "in" one); an organisation's log
# shows those of its own members.
ACCOUNT_ACTIONS = (
    "auth.login",
    "auth.login_failed",
    "auth.mfa_failed",
    "auth.mfa_enabled",
    "auth.mfa_disabled",
    "auth.password_changed",
    "auth.password_reset",
)


def org_audit_events(organization: Organization, *, action: str = "") -> QuerySet[AuditEvent]:
    """This organisation's events plus its members' account events. Opted-out and invited
    members are included on purpose: this is a security record for admins, not a list of
    participants, and an admin investigating an account must see its logins."""
    members = Membership.objects.for_org(organization)
    account_events = Q(organization__isnull=True, action__in=ACCOUNT_ACTIONS) & (
        Q(actor_id__in=members.values("user_id")) | Q(target__in=members.values("user__email"))
    )
    events = AuditEvent.objects.filter(Q(organization=organization) | account_events)
    if action:
        events = events.filter(action=action)
    return events.select_related("actor").order_by("-created_at", "-id")


def org_audit_actions(organization: Organization) -> list[str]:
    """The actions that occur in this organisation's log (for the filter)."""
    events = org_audit_events(organization).order_by()  # no ordering: DISTINCT over actions only
    return sorted(events.values_list("action", flat=True).distinct())
