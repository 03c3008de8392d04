"""A member's own choices about taking part: finishing onboarding, opting out and in again.

Each is idempotent (a conditional update, so a double click or two tabs change the status once
and write one audit entry) and keeps the in-memory `membership` in step with the database.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from multiplier.core.audit import audit
from multiplier.core.models import Membership, MembershipStatus


def membership_finish_onboarding(*, membership: Membership) -> bool:
    """Mark onboarding done. Returns False if it already was."""
    updated = Membership.objects.filter(pk=membership.pk, onboarded_at__isnull=True).update(
        onboarded_at=timezone.now()
    )
    membership.refresh_from_db(fields=["onboarded_at"])
    return bool(updated)


def membership_opt_out(*, membership: Membership, by: Any) -> bool:
    """Stop taking part: from now on the member receives nothing and appears nowhere but in the
    "invited" count. Their data stays as it is. Returns False if they had opted out already."""
    if membership.status == MembershipStatus.INVITED:
        raise ValueError("An invitation is declined, not opted out of.")
    return _set_status(
        membership,
        MembershipStatus.OPTED_OUT,
        from_status=MembershipStatus.ACTIVE,
        by=by,
        action="member.opted_out",
    )


def membership_opt_in(*, membership: Membership, by: Any) -> bool:
    """Take part again after opting out. Onboarding is kept if it was finished before.
    Returns False if the member was taking part already."""
    if membership.status == MembershipStatus.INVITED:
        # Accepting an invitation is its own flow (accounts/services/invitations.py).
        raise ValueError("An invitation is accepted, not opted in to.")
    return _set_status(
        membership,
        MembershipStatus.ACTIVE,
        from_status=MembershipStatus.OPTED_OUT,
        by=by,
        action="member.opted_in",
    )


def _set_status(
    membership: Membership, status: str, *, from_status: str, by: Any, action: str
) -> bool:
    updated = Membership.objects.filter(pk=membership.pk, status=from_status).update(
        status=status, status_changed_at=timezone.now()
    )
    membership.refresh_from_db(fields=["status", "status_changed_at"])
    if updated:
        audit(action, actor=by, organization=membership.organization, target=membership)
    return bool(updated)
