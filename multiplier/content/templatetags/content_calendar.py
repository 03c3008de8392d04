"""Template helpers of the calendar."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def post_detail_url(organization, post) -> str:
    """The post's own page, or "" while no view of that name exists: the calendar links to it
    when the post pages are installed and shows the title as text otherwise."""
    try:
        return reverse("post_detail", kwargs={"org_slug": organization.slug, "post_id": post.pk})
    except NoReverseMatch:
        return ""
