"""Changing an organisation's tracking settings."""

from __future__ import annotations

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization

from ..models import TrackingSettings

FIELDS = ("add_source", "add_medium", "medium", "add_campaign", "add_content")


def tracking_settings_update(
    *, organization: Organization, by: Membership, **values: object
) -> list[str]:
    """Save the settings; returns the names of the fields that changed. Links made earlier keep
    their destination (it is stored per link): only new shares use the new settings."""
    current, _ = TrackingSettings.objects.get_or_create(organization=organization)
    changed = [name for name in FIELDS if name in values and getattr(current, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(current, name, values[name])
    current.save(update_fields=changed)
    audit(
        "tracking_settings.update",
        actor=by.user,
        organization=organization,
        target=current,
        changed={name: values[name] for name in changed},
    )
    return changed
