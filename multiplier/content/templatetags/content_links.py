"""`{% load content_links %}`: links to pages that other features may or may not provide yet."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from ..models import Post

register = template.Library()


@register.filter
def post_detail_url(post: Post) -> str:
    """The post's page (the post editor's `post_detail`), or "" where that page does not exist;
    the template then shows the title without a link."""
    try:
        return reverse("post_detail", args=[post.organization.slug, post.pk])
    except NoReverseMatch:
        return ""
