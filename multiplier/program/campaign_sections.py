"""Sections that higher apps add to a campaign's page (content lists the campaign's posts there),
without `program` importing them: they register here from their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from .models import Campaign


@dataclass(frozen=True)
class CampaignSection:
    key: str
    order: int
    template: str
    context: Callable[[Campaign, HttpRequest], dict[str, Any]]


_SECTIONS: dict[str, CampaignSection] = {}


def register(section: CampaignSection) -> CampaignSection:
    _SECTIONS[section.key] = section  # by key: registering twice (autoreload) replaces
    return section


def sections_for(campaign: Campaign, request: HttpRequest) -> list[dict[str, Any]]:
    """Each section's template and context, in order, for the campaign's page."""
    return [
        {"template": section.template, **section.context(campaign, request)}
        for section in sorted(_SECTIONS.values(), key=lambda s: s.order)
    ]
