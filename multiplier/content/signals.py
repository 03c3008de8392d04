"""A new organisation gets its rhythm's settings (cycles start on the Monday of its first week)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from multiplier.core.models import Organization

from .cycles import default_anchor
from .models import ContentSettings


@receiver(post_save, sender=Organization, dispatch_uid="content_settings")
def organization_created(sender: Any, instance: Organization, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        ContentSettings.objects.get_or_create(
            organization=instance, defaults={"cycle_anchor": default_anchor(instance)}
        )


# --- rhythm: a new cycle has begun ---------------------------------------------------------------

# Sent once per cycle per organisation, after the "opened" CycleEvent is committed, with
# `organization` (Organization), `cycle` (cycles.Cycle) and `event` (CycleEvent). Higher apps (the
# ambassadors' notifications) connect to it; content does not know about them.
cycle_opened = Signal()
