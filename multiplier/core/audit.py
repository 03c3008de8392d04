"""The audit log: one function writes it, so every entry has the same shape."""

from __future__ import annotations

from typing import Any

from .models import AuditEvent, Organization


def audit(
    action: str,
    *,
    actor: Any = None,
    organization: Organization | None = None,
    target: object = "",
    **data: Any,
) -> AuditEvent:
    """Record a security-relevant action, e.g. audit("member.role_changed", actor=..., ...).

    `actor` is a user (or None for the system and for anonymous attempts); `target` is
    anything with a readable str(). Extra keyword arguments are stored as JSON.
    """
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        organization=organization,
        actor=actor_obj,
        actor_label=getattr(actor_obj, "email", "") if actor_obj else "",
        action=action,
        target=str(target)[:254],
        data=data,
    )
