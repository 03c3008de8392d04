"""Small builders shared by the post tests."""

from __future__ import annotations

import io

from PIL import Image

from multiplier.content.models import Post
from multiplier.content.services.posts import post_create
from multiplier.content.services.variants import variant_create


def png_bytes(width: int = 400, height: int = 300, color: str = "#1f5f8b") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">'
    b"<script>alert(document.cookie)</script><rect width='400' height='400'/></svg>"
)


def make_post(membership, title: str = "Open days", text: str = "Come and see us.", **kw) -> Post:
    post = post_create(organization=membership.organization, by=membership, title=title, **kw)
    variant_create(post=post, by=membership, text=text)
    return post
