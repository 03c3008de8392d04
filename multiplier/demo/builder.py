"""Builds the demo organisation. Every step is idempotent: running it again brings the data back
to the documented state and never duplicates, so `make run` can call it on every start."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from multiplier.accounts.models import NetworkPresence, User
from multiplier.core.models import Membership, MembershipStatus, Organization

from .data import DEMO_ORG_NAME, DEMO_ORG_SLUG, DEMO_PASSWORD
from .people import PEOPLE, DemoPerson


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
    for index, person in enumerate(PEOPLE):
        # Joined over the past months, so "member since" and later time series look real.
        joined = now - timedelta(days=120 - 2 * index)
        _person(org, person, joined)
    return org


def _person(org: Organization, person: DemoPerson, joined) -> Membership:
    user = User.objects.filter(email=person.email).first()
    activated = person.status != MembershipStatus.INVITED
    if user is None:
        user = User(email=person.email)
        if activated:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
    user.name = person.name
    user.language = person.language
    user.save()
    if activated:
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
            "joined_at": joined if activated else None,
            "onboarded_at": joined if activated else None,
            "status_changed_at": joined,
        },
    )
    return membership
