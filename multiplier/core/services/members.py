"""Changing who is in an organisation and in which role.

Every function takes the acting membership as `by`, checks that it may manage members of that
organisation, refuses changes that would leave the organisation without an admin or that
someone makes to their own role or membership, and writes the audit log with from/to values.
Refusals are `ValidationError`s with a message meant for the person who tried.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import audit
from ..models import Membership, MembershipStatus, Role
from ..permissions import Perm, can

TEAM_MAX_LENGTH = Membership._meta.get_field("team").max_length


def _check_rights(membership: Membership, by: Membership) -> None:
    # Only admins manage members (Perm.MANAGE_MEMBERS), so only admins ever grant admin.
    if by.organization_id != membership.organization_id or not can(by, Perm.MANAGE_MEMBERS):
        raise PermissionDenied


def _locked(membership: Membership) -> Membership:
    """The membership re-read under a row lock, so two admins acting at once see each other's
    changes (on SQLite the IMMEDIATE transaction mode serialises writers instead)."""
    return Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)


def _is_last_admin(membership: Membership) -> bool:
    """True if this is the only admin who can still act. Locks the admin rows, so two admins
    cannot demote each other at the same moment and leave nobody."""
    if membership.role != Role.ADMIN or membership.status != MembershipStatus.ACTIVE:
        return False
    admins = list(
        Membership.objects.select_for_update()
        .filter(
            organization_id=membership.organization_id,
            role=Role.ADMIN,
            status=MembershipStatus.ACTIVE,
        )
        .values_list("pk", flat=True)
    )
    return admins == [membership.pk]


def _change(
    membership: Membership,
    by: Membership,
    field: str,
    value: object,
    action: str,
    check: Callable[[Membership], None] | None = None,
) -> Membership:
    """Set one field under a row lock and audit it with from/to; nothing happens (and nothing
    is logged) when the value is unchanged. `check(locked_membership)` may refuse the change."""
    with transaction.atomic():
        membership = _locked(membership)
        old = getattr(membership, field)
        if old == value:
            return membership
        if check is not None:
            check(membership)
        setattr(membership, field, value)
        membership.save(update_fields=[field])
        audit(
            action,
            actor=by.user,
            organization=membership.organization,
            target=membership.user.email,
            **{field: {"from": old, "to": value}},
        )
    return membership


def membership_change_role(*, membership: Membership, role: str, by: Membership) -> Membership:
    _check_rights(membership, by)
    if role not in Role.values:
        raise ValidationError(_("Choose one of the roles in the list."), code="invalid_role")

    def check(locked: Membership) -> None:
        if _is_last_admin(locked):
            raise ValidationError(
                _(
                    "%(name)s is the only admin of this organisation. Make someone else admin "
                    "first, so the organisation is never left without one."
                )
                % {"name": locked.user.display_name},
                code="last_admin",
            )
        if locked.pk == by.pk:
            raise ValidationError(
                _(
                    "You cannot change your own role: ask another admin. This way nobody "
                    "loses their admin rights by accident."
                ),
                code="own_role",
            )

    return _change(membership, by, "role", role, "member.role_changed", check)


def membership_set_leader(*, membership: Membership, is_leader: bool, by: Membership) -> Membership:
    _check_rights(membership, by)
    return _change(membership, by, "is_leader", is_leader, "member.leader_changed")


def membership_set_team(*, membership: Membership, team: str, by: Membership) -> Membership:
    _check_rights(membership, by)
    team = " ".join(team.split())  # one spelling per team: no stray or double spaces
    if len(team) > TEAM_MAX_LENGTH:
        raise ValidationError(
            _("A team name can be at most %(max)d characters long.") % {"max": TEAM_MAX_LENGTH},
            code="team_too_long",
        )
    return _change(membership, by, "team", team, "member.team_changed")


def membership_remove(*, membership: Membership, by: Membership) -> None:
    """Take the person out of the organisation (a leaver). Their account stays: they may belong
    to other organisations, and erasing a person is the privacy feature's job."""
    _check_rights(membership, by)
    with transaction.atomic():
        membership = _locked(membership)
        if _is_last_admin(membership):
            raise ValidationError(
                _(
                    "%(name)s is the only admin of this organisation and cannot be removed. "
                    "Make someone else admin first."
                )
                % {"name": membership.user.display_name},
                code="last_admin",
            )
        if membership.pk == by.pk:
            raise ValidationError(
                _(
                    "You cannot remove yourself from the organisation here: ask another admin. "
                    "This way nobody locks themselves out by accident."
                ),
                code="remove_self",
            )
        audit(
            "member.removed",
            actor=by.user,
            organization=membership.organization,
            target=membership.user.email,
            role=membership.role,
            team=membership.team,
            status=membership.status,
        )
        membership.delete()
