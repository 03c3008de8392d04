"""The "Posts" section on a campaign's page (program/campaign_sections.py; program does not
import content)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from multiplier.program.campaign_sections import CampaignSection, register
from multiplier.program.models import Campaign

from .models import Post


def _context(campaign: Campaign, request: HttpRequest) -> dict[str, Any]:
    posts = Post.objects.filter(organization_id=campaign.organization_id, campaign=campaign)
    return {"campaign_posts": list(posts.order_by("-created_at")[:50]), "count": posts.count()}


POSTS_SECTION = register(
    CampaignSection(
        key="posts", order=100, template="content/posts/campaign_section.html", context=_context
    )
)
