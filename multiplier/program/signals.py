"""A new organisation starts with the programme's defaults (levels, guardrail terms)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from multiplier.core.models import Organization

from .services.defaults import programme_defaults_ensure


@receiver(post_save, sender=Organization, dispatch_uid="programme_defaults")
def organization_created(sender: Any, instance: Organization, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        programme_defaults_ensure(organization=instance)
