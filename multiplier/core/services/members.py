"""Changing who is in an organisation and in which role.

Every function takes the acting membership as `by`, checks that it may manage members of that
organisation, refuses changes that would leave the organisation without an admin or that
someone makes to their own role or membership, and writes the audit log with from/to values.
Refusals are `ValidationError`s with a message meant for the person who tried.
"""

from __future__ import annotations

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


def membership_change_role(*, membership: Membership, role: str, by: Membership) -> Membership:
    _check_rights(membership, by)
    if role not in Role.values:
        raise ValidationError(_("Choose one of the roles in the list."), code="invalid_role")
    with transaction.atomic():
        membership = _locked(membership)
        old = membership.role
        if old == role:
            return membership
        if _is_last_admin(membership):
            raise ValidationError(
                _(
                    "%(name)s is the only admin of this organisation. Make someone else admin "
                    "first, so the organisation is never left without one."
                )
                % {"name": membership.user.display_name},
                code="last_admin",
            )
        if membership.pk == by.pk:
            raise ValidationError(
                _(
                    "You cannot change your own role: ask another admin. This way nobody "
                    "loses their admin rights by accident."
                ),
                code="own_role",
            )
        membership.role = role
        membership.save(update_fields=["role"])
        audit(
            "member.role_changed",
            actor=by.user,
            organization=membership.organization,
            target=membership.user.email,
            role={"from": old, "to": role},
        )
    return membership


def membership_set_leader(*, membership: Membership, is_leader: bool, by: Membership) -> Membership:
    _check_rights(membership, by)
    with transaction.atomic():
        membership = _locked(membership)
        old = membership.is_leader
        if old == is_leader:
            return membership
        membership.is_leader = is_leader
        membership.save(update_fields=["is_leader"])
        audit(
            "member.leader_changed",
            actor=by.user,
            organization=membership.organization,
            target=membership.user.email,
            is_leader={"from": old, "to": is_leader},
        )
    return membership


def membership_set_team(*, membership: Membership, team: str, by: Membership) -> Membership:
    _check_rights(membership, by)
    team = " ".join(team.split())  # one spelling per team: no stray or double spaces
    if len(team) > TEAM_MAX_LENGTH:
        raise ValidationError(
            _("A team name can be at most %(max)d characters long.") % {"max": TEAM_MAX_LENGTH},
            code="team_too_long",
        )
    with transaction.atomic():
        membership = _locked(membership)
        old = membership.team
        if old == team:
            return membership
        membership.team = team
        membership.save(update_fields=["team"])
        audit(
            "member.team_changed",
            actor=by.user,
            organization=membership.organization,
            target=membership.user.email,
            team={"from": old, "to": team},
        )
    return membership


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
