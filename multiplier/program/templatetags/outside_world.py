"""Template helpers of the outside world: `{% load outside_world %}`."""

from __future__ import annotations

from django import template

from ..models import Entity
from ..outside_links import HandleLink, handle_links

register = template.Library()


@register.filter
def entity_links(entity: Entity) -> list[HandleLink]:
    """The entity's handles on social networks, as links."""
    return handle_links(entity.handles or {})


@register.filter
def has_kind(kinds: list[str] | frozenset[str], kind: str) -> bool:
    return kind in kinds
