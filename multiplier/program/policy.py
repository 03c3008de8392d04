"""Reading the social media policy: the current version, the open draft, who still has to accept.

Writes are in services/policy.py. The current policy is the published version with the highest
number; an organisation has at most one draft at a time (the next version number).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from multiplier.core.models import Membership, Organization

from .models import Policy, PolicyAcceptance


def current_policy(organization: Organization) -> Policy | None:
    return Policy.objects.published().filter(organization=organization).first()


def open_draft(organization: Organization) -> Policy | None:
    return Policy.objects.filter(organization=organization, published_at__isnull=True).first()


def policy_to_accept(membership: Membership) -> Policy | None:
    """The current policy if this member has not accepted it yet, else None.

    One query: the newest published version of the organisation, with whether this member
    accepted it. Both lookups use an index: the (organization, version) and (policy, membership)
    unique constraints. The re-accept gate asks the same as a yes/no in plain SQL
    (`policy_waiting`); tests/program/test_policy_acceptance.py keeps the two agreeing."""
    accepted = PolicyAcceptance.objects.filter(policy=OuterRef("pk"), membership=membership)
    current = (
        Policy.objects.published()
        .filter(organization_id=membership.organization_id)
        .annotate(accepted=Exists(accepted))
        .only("pk", "version", "title", "organization_id", "published_at")
        .first()
    )
    if current is None or current.accepted:  # type: ignore[attr-defined]
        return None
    return current


def policy_waiting(membership: Membership) -> bool:
    """Has this member still to accept the current policy? What policy_to_accept answers, as
    the re-accept gate asks it on every page: the same single indexed query, in plain SQL, as
    building it with the ORM costs twenty times more than running it (docs/benchmarks.md)."""
    with connection.cursor() as cursor:
        cursor.execute(_waiting_sql(), [membership.pk, membership.organization_id])
        row = cursor.fetchone()
    return row is not None and not row[0]


@lru_cache(maxsize=1)
def _waiting_sql() -> str:
    """The newest published version of the organisation, and whether the member accepted it."""
    quote = connection.ops.quote_name
    policy, acceptance = quote(Policy._meta.db_table), quote(PolicyAcceptance._meta.db_table)
    return (
        f"SELECT EXISTS(SELECT 1 FROM {acceptance} a "  # noqa: S608 (names from our models)
        f"WHERE a.{quote('policy_id')} = p.{quote('id')} AND a.{quote('membership_id')} = %s) "
        f"FROM {policy} p WHERE p.{quote('organization_id')} = %s "
        f"AND p.{quote('published_at')} IS NOT NULL ORDER BY p.{quote('version')} DESC LIMIT 1"
    )


def last_accepted(membership: Membership) -> Policy | None:
    """The newest version this member accepted (to tell them what changed since)."""
    acceptance = (
        PolicyAcceptance.objects.filter(membership=membership)
        .select_related("policy")
        .order_by("-policy__version")
        .first()
    )
    return acceptance.policy if acceptance else None


def published_since(accepted: Policy, current: Policy) -> list[Policy]:
    """The versions after `accepted` up to `current`, newest first: a member who skipped a
    version reads what changed in each."""
    return list(
        Policy.objects.published().filter(
            organization_id=current.organization_id,
            version__gt=accepted.version,
            version__lte=current.version,
        )
    )


@dataclass(frozen=True)
class AcceptanceSummary:
    """How many participating members accepted the current version. Opted-out members are not
    counted at all (PRODUCT.md: opt-out is respected everywhere)."""

    policy: Policy | None
    participating: int
    accepted: int
    waiting: QuerySet[Membership]  # participating members who have not accepted, by name

    @property
    def rate(self) -> int | None:
        """Percentage, rounded down: 100 only when really everyone accepted."""
        if self.policy is None or not self.participating:
            return None
        return 100 * self.accepted // self.participating

    @property
    def waiting_count(self) -> int:
        return self.participating - self.accepted


def acceptance_summary(organization: Organization) -> AcceptanceSummary:
    policy = current_policy(organization)
    participants = Membership.objects.for_org(organization).participating()
    if policy is None:
        return AcceptanceSummary(None, participants.count(), 0, participants.none())
    accepted = PolicyAcceptance.objects.filter(policy=policy, membership=OuterRef("pk"))
    participants = participants.annotate(accepted=Exists(accepted))
    return AcceptanceSummary(
        policy=policy,
        participating=participants.count(),
        accepted=participants.filter(accepted=True).count(),
        waiting=participants.filter(accepted=False)
        .select_related("user")
        .order_by("user__name", "user__email"),
    )
