"""Access to accounts' tenant-owned objects: one helper per type, each built on
`core.access.get_owned_or_404` (another organisation's object and a missing one both give 404)."""

from __future__ import annotations

from typing import Any

from multiplier.core.access import get_owned_or_404
from multiplier.core.models import Organization

from .models import Invitation, InvitationImport


def invitation_for(organization: Organization, pk: Any) -> Invitation:
    return get_owned_or_404(
        Invitation.objects.select_related("membership__user"), organization, pk=pk
    )


def invitation_import_for(organization: Organization, pk: Any) -> InvitationImport:
    return get_owned_or_404(InvitationImport.objects.all(), organization, pk=pk)
