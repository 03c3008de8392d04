"""Link cards (OpenGraph / Twitter card) for posts.

INTERFACE FIRST: the post services call `link_card_request(post=...)` whenever a post's link is
set or changed; it marks the card pending and fetches it in the background. The fetcher itself
(content/fetch.py behind its SSRF guard, then parsing) is being built.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership
from multiplier.program.services.actors import require_programme_runner

from ..models import CardStatus, Post


def link_card_request(*, post: Post) -> None:
    """Ask for the card of `post.link` to be fetched (in the background)."""
    if not post.link:
        Post.objects.filter(pk=post.pk).update(card_status=CardStatus.NONE, card_error="")
        post.card_status = CardStatus.NONE
        return
    Post.objects.filter(pk=post.pk).update(card_status=CardStatus.PENDING, card_error="")
    post.card_status = CardStatus.PENDING


def link_card_edit(
    *, post: Post, title: str, description: str, image_url: str, by: Membership | None
) -> Post:
    """The card as the programme team wants it, typed by hand; a later fetch does not overwrite it
    (status MANUAL) until the link changes."""
    require_programme_runner(by, post.organization)
    title, description, image_url = (
        (title or "").strip(),
        (description or "").strip(),
        (image_url or "").strip(),
    )
    errors: dict[str, str] = {}
    if not post.link:
        raise ValidationError(_("This post has no link, so it has no link card."))
    if not title:
        errors["title"] = _("Give the card a title.")
    if image_url and not image_url.lower().startswith(("https://", "http://")):
        errors["image_url"] = _("The image address must start with https:// or http://.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(
            card_title=title[:300],
            card_description=description,
            card_image_url=image_url[:1000],
            card_status=CardStatus.MANUAL,
            card_error="",
        )
        audit(
            "post.card_edited",
            actor=by.user if by else None,
            organization=post.organization,
            target=post,
            title=title,
        )
    post.card_title, post.card_description, post.card_image_url = title, description, image_url
    post.card_status, post.card_error = CardStatus.MANUAL, ""
    return post
