"""Links on a post's page to what higher apps know about it (e.g. sharing's "Shares and clicks"),
without content importing them: they register a label and a URL name taking (org_slug, post_id)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from .models import Post


@dataclass(frozen=True)
class PostLink:
    label: str | Promise
    url_name: str


_LINKS: list[PostLink] = []


def register_post_link(label: str | Promise, url_name: str) -> None:
    if all(link.url_name != url_name for link in _LINKS):
        _LINKS.append(PostLink(label, url_name))


def post_links(post: Post, org_slug: str) -> list[tuple[str | Promise, str]]:
    """(label, address) of each registered link, for this post."""
    return [(link.label, reverse(link.url_name, args=[org_slug, post.pk])) for link in _LINKS]
