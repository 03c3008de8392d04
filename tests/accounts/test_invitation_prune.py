"""The daily job that forgets invitations nobody accepted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from multiplier.accounts.models import Invitation, User
from multiplier.accounts.services.invitations import (
    Invitee,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    invitations_prune,
)
from multiplier.core import scheduler
from multiplier.core.models import AuditEvent, Membership, MembershipStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(org):
    def make(email: str, *, expired_days_ago: float | None = None, organization=None) -> Invitation:
        _outcome, invitation = invitation_create(
            organization=organization or org, inviter=None, invitee=Invitee(email=email)
        )
        if expired_days_ago is not None:
            expired = timezone.now() - timedelta(days=expired_days_ago)
            Invitation.objects.filter(pk=invitation.pk).update(expires_at=expired)
            invitation.refresh_from_db()
        return invitation

    return make


def test_prunes_long_expired_invitations_with_their_membership_and_unused_account(
    invite, settings, org
):
    settings.INVITATION_PRUNE_AFTER_DAYS = 30
    old = invite("old@example.com", expired_days_ago=31)
    recent = invite("recent@example.com", expired_days_ago=29)
    pending = invite("pending@example.com")

    assert invitations_prune() == 1

    assert not Invitation.objects.filter(pk=old.pk).exists()
    assert not Membership.objects.filter(user__email="old@example.com").exists()
    assert not User.objects.filter(email="old@example.com").exists()
    assert set(Invitation.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}
    assert Membership.objects.filter(organization=org, status=MembershipStatus.INVITED).count() == 2
    event = AuditEvent.objects.get(action="invitation.pruned")
    assert (event.organization, event.data) == (org, {"count": 1})


def test_keeps_accounts_that_have_something_else(invite, make_member, make_org):
    elsewhere = make_member(make_org(), email="busy@example.com")
    invite("busy@example.com", expired_days_ago=100)
    assert invitations_prune() == 1
    assert User.objects.filter(pk=elsewhere.user.pk).exists()
    assert Membership.objects.filter(user=elsewhere.user).count() == 1


def test_keeps_accounts_that_were_ever_used(invite):
    invitation = invite("used@example.com", expired_days_ago=100)
    user = invitation.membership.user
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    assert invitations_prune() == 1
    assert User.objects.filter(pk=user.pk).exists()


def test_never_touches_accepted_invitations_or_active_members(invite):
    invitation = invite("joined@example.com")
    invitation_accept(invitation=invitation, user=invitation.membership.user, password="x" * 12)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=365)
    )
    assert invitations_prune() == 0
    assert Membership.objects.get(user__email="joined@example.com").status == "active"


def test_prunes_withdrawn_invitations_too(invite, manager):
    invitation = invite("withdrawn@example.com", expired_days_ago=100)
    invitation_revoke(invitation=invitation, actor=manager.user)
    assert invitations_prune() == 1
    assert not Invitation.objects.exists()


def test_nothing_to_prune_writes_nothing(invite):
    invite("fresh@example.com")
    assert invitations_prune() == 0
    assert not AuditEvent.objects.filter(action="invitation.pruned").exists()


def test_the_job_runs_daily_through_the_scheduler(invite):
    from multiplier.accounts import tasks

    job = scheduler.REGISTRY["multiplier.accounts.tasks.prune_invitations"]
    assert job.every == timedelta(days=1)
    invite("stale@example.com", expired_days_ago=400)
    assert "multiplier.accounts.tasks.prune_invitations" in scheduler.tick(
        jobs={job.name: job}
    )  # the immediate backend runs it at once
    assert not User.objects.filter(email="stale@example.com").exists()
    assert tasks.prune_invitations.call() == 0
