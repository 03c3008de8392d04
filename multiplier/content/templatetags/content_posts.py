"""Counts for the per-network counters under a variant's text (content/posts/_counters.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField

from ..limits import compose, measure
from ..services.variants import parse_hashtags

register = template.Library()


@register.simple_tag
def counter_rows(
    networks: list[tuple[str, str, int]], text: BoundField, hashtags: BoundField, link: Any
) -> list[dict[str, Any]]:
    """One row per network: its label, limit and the fit of what the form holds now."""
    tags = hashtags.value() or ""
    composed = compose(
        text.value() or "",
        tags if isinstance(tags, list) else parse_hashtags(tags),
        str(link or ""),
    )
    rows = []
    for network, label, limit in networks:
        rows.append(
            {"network": network, "label": label, "limit": limit, "fit": measure(composed, network)}
        )
    return rows


@register.filter
def network_label(code: str) -> str:
    """ "x" -> "X", "linkedin" -> "LinkedIn" (the names people know)."""
    from multiplier.accounts.models import Network

    return str(dict(Network.choices).get(code, code))
