"""A new organisation and the invitation of its first admin: how a fresh installation (or an
operator running several organisations) starts one."""

from __future__ import annotations

from django.db import transaction

from multiplier.core.audit import audit
from multiplier.core.models import Organization, Role

from ..models import Invitation
from .invitations import Invitee, invitation_create


def organization_create(
    *, name: str, slug: str, language: str, admin_email: str, admin_name: str = ""
) -> tuple[Organization, Invitation]:
    """Create the organisation and invite its first admin. The invitation is not e-mailed here:
    the caller sends it (and can show the link). Raises ValidationError for a bad name, slug
    or language, or a slug that is taken."""
    organization = Organization(name=name.strip(), slug=slug.strip(), language=language)
    organization.full_clean()
    with transaction.atomic():
        organization.save()
        audit("organization.created", organization=organization, target=organization.slug)
        _outcome, invitation = invitation_create(
            organization=organization,
            inviter=None,
            invitee=Invitee(email=admin_email, name=admin_name, role=Role.ADMIN, language=language),
            deliver=False,
        )
    return organization, invitation
