"""Creating tracked links (the share flow calls `tracked_link_create`)."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from multiplier.content.models import Post, Variant
from multiplier.core.models import Membership

from ..models import TrackedLink, TrackingSettings
from ..selectors import tracking_settings_for

# 8 characters of 62 is ~47 bits: not enumerable, still short in a post.
CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def destination_with_utm(
    link: str,
    *,
    network: str,
    campaign: str,
    content: str,
    settings: TrackingSettings | None = None,
) -> str:
    """The post's link with UTM parameters appended, as the organisation's settings say (all
    four by default); parameters already in the link win, and its other parameters, their order
    and the fragment are kept."""
    settings = settings or TrackingSettings()  # unsaved: the defaults
    parts = urlsplit(link)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    wanted = {
        "utm_source": network if settings.add_source else "",
        "utm_medium": settings.medium if settings.add_medium else "",
        "utm_campaign": campaign if settings.add_campaign else "",
        "utm_content": content if settings.add_content else "",
    }
    added = [(key, value) for key, value in wanted.items() if value and key not in present]
    if not added:
        return link
    # Append to the query as written rather than re-encoding it: the destination's own
    # parameters reach it byte for byte.
    extra = urlencode(added)
    new_query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=new_query))


def tracked_link_create(
    *, post: Post, variant: Variant | None, network: str, membership: Membership | None
) -> TrackedLink:
    """A new short link for one share of `post`, pointing at its link with UTM parameters."""
    campaign = slugify(post.campaign.name) if post.campaign_id else post.slug
    destination = destination_with_utm(
        post.link,
        network=network,
        campaign=campaign,
        content=f"v{variant.position + 1}" if variant else "",
        settings=tracking_settings_for(post.organization_id),
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return TrackedLink.objects.create(
                    organization_id=post.organization_id,
                    code=new_code(),
                    destination=destination,
                    post=post,
                    variant=variant,
                    network=network,
                    membership=membership,
                )
        except IntegrityError:  # a code collision: vanishingly rare, try another
            continue
    raise RuntimeError("Could not find a free link code.")


def short_url(link: TrackedLink) -> str:
    return f"{settings.SITE_URL}/r/{link.code}"
