"""Inviting people, re-sending and withdrawing invitations, accepting them, and pruning the
ones nobody accepted.

An invitation is three rows: the `User` (created when the address is new, with an unusable
password), a `Membership` with status "invited", and the `Invitation` with its link. The link's
secret is made when the e-mail is sent (`invitation_email.invitations_deliver`, in the
background), so that the secret exists only in the e-mail.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, MembershipStatus, Organization, Role
from multiplier.core.permissions import Perm, can

from ..invitation_tokens import new_key, secret_matches, split_token
from ..models import Invitation, User

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Invitee:
    """Who to invite, as a manager typed it or a file row said."""

    email: str
    name: str = ""
    team: str = ""
    role: str = Role.AMBASSADOR
    is_leader: bool = False
    language: str = ""  # empty: the organisation's language


class Outcome(StrEnum):
    INVITED = "invited"
    RESENT = "resent"  # was already invited and had not accepted: a new e-mail goes out
    ALREADY_MEMBER = "already_member"  # active or opted out: left alone


def may_invite_as(inviter: Membership | None, role: str) -> bool:
    """Inviting someone as admin grants admin rights, which only those who manage members may
    do. `None` is the installation itself (the `create_organization` command)."""
    return role != Role.ADMIN or inviter is None or can(inviter, Perm.MANAGE_MEMBERS)


def _expiry(now: datetime) -> datetime:
    return now + timedelta(days=settings.INVITATION_VALID_DAYS)


def invitations_create_bulk(
    *,
    organization: Organization,
    invitees: Sequence[Invitee],
    invited_by: User | None,
    deliver: bool = True,
) -> list[tuple[Outcome, Invitation | None]]:
    """Invite many people with a handful of queries, whatever their number.

    Returns one (outcome, invitation) per invitee, in order. People who are already invited are
    re-sent their invitation (with the role, team and leader flag given now); active and
    opted-out members are left alone. Run inside a transaction: the e-mails are enqueued in
    it, so that they go out exactly when the invitations exist. The caller has checked that
    the inviter may give these roles (`may_invite_as`).
    """
    invitees = [
        replace(i, email=User.objects.normalize_email(i.email.strip()).lower()) for i in invitees
    ]
    emails = [invitee.email for invitee in invitees]
    if len(set(emails)) != len(emails):
        raise ValueError("Each person can be invited once per call.")
    now = timezone.now()

    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    new_users = [
        User(
            email=invitee.email,
            name=invitee.name,
            language=invitee.language or organization.language,
            # Nobody can log in until the invitation is accepted and a password chosen.
            password=make_password(None),
        )
        for invitee in invitees
        if invitee.email not in users
    ]
    User.objects.bulk_create(new_users)
    users.update({user.email: user for user in new_users})

    memberships = {
        m.user_id: m
        for m in Membership.objects.filter(
            organization=organization, user__in=[u.pk for u in users.values()]
        ).select_related("invitation", "user")
    }

    outcomes: list[Outcome] = []
    new_memberships: list[Membership] = []
    reinvited: list[Membership] = []
    for invitee in invitees:
        user = users[invitee.email]
        membership = memberships.get(user.pk)
        if membership is None:
            membership = Membership(
                organization=organization,
                user=user,
                role=invitee.role,
                is_leader=invitee.is_leader,
                team=invitee.team,
                status=MembershipStatus.INVITED,
                status_changed_at=now,
            )
            new_memberships.append(membership)
            memberships[user.pk] = membership
            outcomes.append(Outcome.INVITED)
        elif membership.status != MembershipStatus.INVITED:
            outcomes.append(Outcome.ALREADY_MEMBER)
        else:
            membership.role = invitee.role
            membership.is_leader = invitee.is_leader
            membership.team = invitee.team
            reinvited.append(membership)
            outcomes.append(
                Outcome.RESENT if hasattr(membership, "invitation") else Outcome.INVITED
            )
    Membership.objects.bulk_create(new_memberships)
    Membership.objects.bulk_update(reinvited, ["role", "is_leader", "team"])

    expires_at = _expiry(now)
    to_create: list[Invitation] = []
    to_extend: list[Invitation] = []
    needs_link = list(new_memberships)
    for membership in reinvited:
        # select_related() above fetched the invitation (or its absence) for these.
        if hasattr(membership, "invitation"):
            membership.invitation.expires_at = expires_at
            to_extend.append(membership.invitation)
        else:
            needs_link.append(membership)  # invited some other way; now with a link
    for membership in needs_link:
        # The e-mail goes out in the person's own language: for a new address that is the one
        # given now; someone who already has an account chose theirs.
        membership.invitation = Invitation(
            organization=organization,
            membership=membership,
            email=membership.user.email,
            language=membership.user.language,
            invited_by=invited_by,
            key=new_key(),
            expires_at=expires_at,
        )
        to_create.append(membership.invitation)
    Invitation.objects.bulk_create(to_create)
    Invitation.objects.bulk_update(to_extend, ["expires_at"])

    if deliver and (to_create or to_extend):
        from ..tasks import deliver_invitations

        deliver_invitations.enqueue(invitation_ids=[i.pk for i in [*to_create, *to_extend]])

    results: list[tuple[Outcome, Invitation | None]] = []
    for invitee, outcome in zip(invitees, outcomes, strict=True):
        membership = memberships[users[invitee.email].pk]
        results.append(
            (outcome, None if outcome == Outcome.ALREADY_MEMBER else membership.invitation)
        )
    return results


def invitation_create(
    *,
    organization: Organization,
    inviter: Membership | None,
    invitee: Invitee,
    deliver: bool = True,
) -> tuple[Outcome, Invitation]:
    """Invite one person (or re-send their pending invitation). Someone who is already an
    active or opted-out member is a ValidationError on `email`."""
    if not may_invite_as(inviter, invitee.role):
        raise PermissionDenied("Only admins can invite admins.")
    try:
        validate_email(invitee.email.strip())
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    with transaction.atomic():
        [(outcome, invitation)] = invitations_create_bulk(
            organization=organization,
            invitees=[invitee],
            invited_by=inviter.user if inviter else None,
            deliver=deliver,
        )
        if outcome == Outcome.ALREADY_MEMBER or invitation is None:
            raise ValidationError(
                {
                    "email": _("%(email)s is already a member of %(org)s.")
                    % {"email": invitee.email.strip().lower(), "org": organization.name}
                }
            )
        audit(
            "invitation.created" if outcome == Outcome.INVITED else "invitation.resent",
            actor=inviter.user if inviter else None,
            organization=organization,
            target=invitation.email,
            role=invitee.role,
            is_leader=invitee.is_leader,
        )
    return outcome, invitation


def invitation_resend(*, invitation: Invitation, actor: User) -> None:
    """A new e-mail with a new link (the old link stops working) and a new expiry date."""
    with transaction.atomic():
        extended = (
            Invitation.objects.open()
            .filter(pk=invitation.pk, membership__isnull=False)
            .update(expires_at=_expiry(timezone.now()))
        )
        if not extended:
            raise ValidationError(_("This invitation was already accepted or withdrawn."))
        from ..tasks import deliver_invitations

        deliver_invitations.enqueue(invitation_ids=[invitation.pk])
        audit(
            "invitation.resent",
            actor=actor,
            organization=invitation.organization,
            target=invitation.email,
        )
    invitation.refresh_from_db()


def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    """Withdraw an invitation: the link stops working, the invited membership goes, and so does
    the account when it was made for this invitation and has nothing else."""
    with transaction.atomic():
        membership_id = invitation.membership_id
        withdrawn = (
            Invitation.objects.open()
            .filter(pk=invitation.pk)
            .update(revoked_at=timezone.now(), membership=None)
        )
        if not withdrawn:
            raise ValidationError(_("This invitation was already accepted or withdrawn."))
        user_ids = list(
            Membership.objects.filter(
                pk=membership_id, status=MembershipStatus.INVITED
            ).values_list("user_id", flat=True)
        )
        Membership.objects.filter(pk=membership_id, status=MembershipStatus.INVITED).delete()
        _delete_unused_users(user_ids)
        audit(
            "invitation.revoked",
            actor=actor,
            organization=invitation.organization,
            target=invitation.email,
        )
    invitation.refresh_from_db()


def _delete_unused_users(user_ids: Sequence[int]) -> None:
    """Accounts that exist only because of an invitation: never logged in, no password, no
    membership left (and not an operator of the installation)."""
    (
        User.objects.filter(
            pk__in=user_ids,
            last_login__isnull=True,
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
            is_staff=False,
            is_superuser=False,
        )
        .exclude(Exists(Membership.objects.filter(user=OuterRef("pk"))))
        .delete()
    )


# --- The link ---------------------------------------------------------------------------------


class LinkState(StrEnum):
    VALID = "valid"
    INVALID = "invalid"  # unknown, mistyped, tampered with, or replaced by a newer e-mail
    EXPIRED = "expired"
    REVOKED = "revoked"
    ACCEPTED = "accepted"


def invitation_for_token(token: str) -> tuple[LinkState, Invitation | None]:
    """What a link leads to. Only a link with the right secret reveals anything about its
    invitation; any other gives INVALID."""
    parts = split_token(token)
    if parts is None:
        return LinkState.INVALID, None
    key, secret = parts
    invitation = (
        Invitation.objects.select_related("organization", "invited_by", "membership__user")
        .filter(key=key)
        .first()
    )
    if invitation is None or not secret_matches(secret, invitation.token_hash):
        return LinkState.INVALID, None
    if invitation.revoked_at is not None:
        return LinkState.REVOKED, invitation
    if invitation.accepted_at is not None:
        return LinkState.ACCEPTED, invitation
    if invitation.is_expired:
        return LinkState.EXPIRED, invitation
    return LinkState.VALID, invitation


class InvitationUnavailable(Exception):
    """The invitation was accepted, withdrawn or expired in the meantime."""


def invitation_accept(
    *,
    invitation: Invitation,
    user: User,
    name: str | None = None,
    password: str | None = None,
    language: str | None = None,
) -> Membership:
    """Join the organisation. A new person also chooses their name, password and language.

    The claim is one conditional UPDATE, so two clicks (or two browsers) accept once; the other
    gets InvitationUnavailable.
    """
    now = timezone.now()
    if invitation.membership is None or invitation.membership.user_id != user.pk:
        raise InvitationUnavailable
    with transaction.atomic():
        # Conditions on this table only (no join): PostgreSQL re-checks them on the row after
        # waiting for a concurrent accept, which a join's subquery would not.
        claimed = (
            Invitation.objects.open()
            .filter(pk=invitation.pk, expires_at__gt=now, membership=invitation.membership_id)
            .update(accepted_at=now)
        )
        if not claimed:
            raise InvitationUnavailable
        Membership.objects.filter(
            pk=invitation.membership_id, status=MembershipStatus.INVITED
        ).update(status=MembershipStatus.ACTIVE, joined_at=now, status_changed_at=now)

        fields: list[str] = []
        if password:
            user.set_password(password)
            fields.append("password")
        if name:
            user.name = name
            fields.append("name")
        if language in LANGUAGE_CODES and language != user.language:
            user.language = language
            fields.append("language")
        if fields:
            user.save(update_fields=fields)
        # The link reached this inbox, which proves the address: no second verification
        # e-mail (allauth would otherwise ask for one at the first login).
        EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(
            primary=False
        )
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        audit(
            "invitation.accepted",
            actor=user,
            organization=invitation.organization,
            target=user.email,
        )
    invitation.refresh_from_db()
    return Membership.objects.get(pk=invitation.membership_id)


# --- Housekeeping -----------------------------------------------------------------------------


def invitations_prune(*, now: datetime | None = None) -> int:
    """Forget invitations that expired more than INVITATION_PRUNE_AFTER_DAYS ago and were
    never accepted (withdrawn ones included), with their invited memberships and the accounts
    that exist only because of them. Returns the number of invitations removed."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.INVITATION_PRUNE_AFTER_DAYS)
    stale = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff)
    with transaction.atomic():
        rows = list(stale.values_list("pk", "organization_id", "membership_id"))
        if not rows:
            return 0
        membership_ids = [m for _pk, _org, m in rows if m is not None]
        invited = Membership.objects.filter(pk__in=membership_ids, status=MembershipStatus.INVITED)
        user_ids = list(invited.values_list("user_id", flat=True))
        invited.delete()
        Invitation.objects.filter(pk__in=[pk for pk, _org, _m in rows]).delete()
        _delete_unused_users(user_ids)
        per_org = Counter(org_id for _pk, org_id, _m in rows)
        for organization in Organization.objects.filter(pk__in=per_org):
            audit("invitation.pruned", organization=organization, count=per_org[organization.pk])
    return len(rows)
