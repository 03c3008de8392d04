"""Builds the demo organisation. Every step is idempotent: running it again updates, never
duplicates, so `make run` can call it on every start."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from multiplier.accounts.models import User
from multiplier.core.models import Membership, MembershipStatus, Organization, Role

from .data import DEMO_ORG_NAME, DEMO_ORG_SLUG, DEMO_PASSWORD

# (e-mail, name, team, role, leader)
PEOPLE: list[tuple[str, str, str, str, bool]] = [
    ("admin@noorderlicht.example", "Sanne de Vries", "Communicatie", Role.ADMIN, False),
    ("manager@noorderlicht.example", "Daan Jansen", "Marketing", Role.MANAGER, False),
    ("ambassador@noorderlicht.example", "Lotte Bakker", "Techniek", Role.AMBASSADOR, False),
    ("leader@noorderlicht.example", "Pieter van den Berg", "Directie", Role.AMBASSADOR, True),
]


@transaction.atomic
def build_demo() -> Organization:
    org, _ = Organization.objects.update_or_create(
        slug=DEMO_ORG_SLUG,
        defaults={"name": DEMO_ORG_NAME, "language": "nl", "time_zone": "Europe/Amsterdam"},
    )
    now = timezone.now()
    for email, name, team, role, leader in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name)
            user.language = "nl"
            user.save(update_fields=["language"])
        _verify_email(user)
        Membership.objects.update_or_create(
            organization=org,
            user=user,
            defaults={
                "role": role,
                "team": team,
                "is_leader": leader,
                "status": MembershipStatus.ACTIVE,
                "joined_at": now,
                "onboarded_at": now,
            },
        )
    return org


def _verify_email(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
