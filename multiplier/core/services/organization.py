"""Changing an organisation's settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..audit import audit
from ..models import Membership, Organization
from ..permissions import Perm, can

# What admins may change on the settings page. The slug is deliberately absent: links in
# e-mails that were already sent contain it.
EDITABLE_FIELDS = frozenset(
    {"name", "time_zone", "language", "cadence_days", "require_mfa_for_staff"}
)


def organization_update(
    *, organization: Organization, by: Membership, **fields: Any
) -> dict[str, dict[str, Any]]:
    """Apply `fields`, validate the result and save only what changed. Returns the changes as
    {field: {"from": old, "to": new}} (empty when nothing changed); the audit entry has the same."""
    if by.organization_id != organization.pk or not can(by, Perm.MANAGE_SETTINGS):
        raise PermissionDenied
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    if isinstance(fields.get("name"), str):
        fields["name"] = fields["name"].strip()

    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        changes = {
            name: {"from": getattr(organization, name), "to": value}
            for name, value in fields.items()
            if getattr(organization, name) != value
        }
        if not changes:
            return {}
        for name, change in changes.items():
            setattr(organization, name, change["to"])
        # Raises ValidationError (empty name, cadence outside 1-90, unknown time zone, ...)
        # before anything is written.
        organization.full_clean()
        organization.save(update_fields=list(changes))
        audit("organization.updated", actor=by.user, organization=organization, **changes)
    return changes
