"""Builds the demo organisation. Every step is idempotent: running it again brings the data back
to the documented state and never duplicates, so `make run` can call it on every start."""

from __future__ import annotations

from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from multiplier.accounts.models import NetworkPresence, User
from multiplier.accounts.services.invitations import Invitee, invitations_create_bulk
from multiplier.core.models import Membership, MembershipStatus, Organization, Role

from .content import build_content
from .data import DEMO_ORG_NAME, DEMO_ORG_SLUG, DEMO_PASSWORD
from .people import PEOPLE, DemoPerson
from .programme import build_programme
from .sharing import build_shares
from .sources import build_sources


@transaction.atomic
def build_demo() -> Organization:
    org, _ = Organization.objects.update_or_create(
        slug=DEMO_ORG_SLUG,
        defaults={
            "name": DEMO_ORG_NAME,
            "language": "nl",
            "time_zone": "Europe/Amsterdam",
            "cadence_days": 14,
        },
    )
    now = timezone.now()
    members = [p for p in PEOPLE if p.status != MembershipStatus.INVITED]
    for index, person in enumerate(members):
        # Joined over the past months, so "member since" and later time series look real.
        _member(org, person, joined=now - timedelta(days=120 - 3 * index))
    _invite_the_rest(org, [p for p in PEOPLE if p.status == MembershipStatus.INVITED])
    build_programme(org)
    build_content(org)
    build_sources(org)  # own content and a content source
    build_shares(org)  # shares and clicks for the live posts (last: needs the rest)
    return org


def _member(org: Organization, person: DemoPerson, joined: datetime) -> Membership:
    user = User.objects.filter(email=person.email).first() or User(email=person.email)
    if user.pk is None or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
    user.name = person.name
    user.language = person.language
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    for network, (handle, size) in person.networks.items():
        NetworkPresence.objects.update_or_create(
            user=user, network=network, defaults={"handle": handle, "audience_size": size}
        )
    membership, _ = Membership.objects.update_or_create(
        organization=org,
        user=user,
        defaults={
            "role": person.role,
            "team": person.team,
            "is_leader": person.leader,
            "status": person.status,
            "joined_at": joined,
            "onboarded_at": joined if person.onboarded else None,
            "status_changed_at": joined,
        },
    )
    return membership


def _invite_the_rest(org: Organization, people: list[DemoPerson]) -> None:
    """People who have not answered yet: real invitations through the invitation service (so the
    invitations page shows them and they can be re-sent), without sending any e-mail."""
    inviter = Membership.objects.get(
        organization=org, role=Role.MANAGER, user__email__startswith="manager@"
    )
    invitees = [
        Invitee(
            email=p.email,
            name=p.name,
            team=p.team,
            role=p.role,
            is_leader=p.leader,
            language=p.language,
        )
        for p in people
    ]
    invitations_create_bulk(
        organization=org, invitees=invitees, invited_by=inviter.user, deliver=False
    )
