"""Posts that arrive from outside the editor: feed items and employees' proposals.

Both become a post with one variant (the text, optionally an image) and a slug that is unique in
the organisation (services.posts.post_slug). The post editor (services/posts.py) builds richer
posts; this module only needs what intake needs, so the two can change independently.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile

from multiplier.core.models import Membership, Organization
from multiplier.program.models import Theme

from ..images import ImageInfo
from ..models import Post, PostKind, PostSource, PostStatus, Variant
from .posts import post_slug


def post_intake(
    *,
    organization: Organization,
    title: str,
    text: str,
    source: str,
    status: str,
    link: str = "",
    kind: str = PostKind.POST,
    author: Membership | None = None,
    image: UploadedFile | None = None,
    image_alt: str = "",
    image_info: ImageInfo | None = None,
    themes: Iterable[Theme] = (),
) -> Post:
    """Create the post and its one variant. The caller validated the input, holds the
    transaction and writes the audit entry (it knows why the post arrived)."""
    post = Post.objects.create(
        organization=organization,
        title=title[:160],
        slug=post_slug(organization, title),
        kind=kind,
        link=link,
        status=status,
        source=source,
        author=author,
        created_by=author.user if author else None,
    )
    themes = list(themes)
    if themes:
        post.themes.set(themes)
    variant = Variant(organization=organization, post=post, text=text, image_alt=image_alt)
    if image is not None:
        variant.image = image
        if image_info is not None:
            variant.image_width, variant.image_height = image_info.width, image_info.height
    variant.save()
    return post


__all__ = ["PostSource", "PostStatus", "post_intake"]
