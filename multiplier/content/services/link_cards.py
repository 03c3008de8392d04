"""Link cards (OpenGraph / Twitter card) for posts.

The post services call `link_card_request(post=...)` whenever a post's link is set or changed;
it marks the card pending and enqueues `link_card_fetch`, which fetches the page through the
guarded `content.fetch` and stores what `content.linkcards` reads from it. A manager can always
write the card by hand (`link_card_edit`); a fetch that finishes later never overwrites that, and
a fetch for a link that has since changed is dropped.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership
from multiplier.program.services.actors import require_programme_runner

from ..fetch import FetchError, FetchResult, fetch
from ..linkcards import DESCRIPTION_MAX_LENGTH, LinkCard, is_html, parse_card
from ..models import CardStatus, Post

logger = logging.getLogger(__name__)

RESUME_AFTER = timedelta(minutes=15)
_CARD_FIELDS = ("card_title", "card_description", "card_image_url", "card_site_name")


def link_card_request(*, post: Post) -> None:
    """Ask for the card of `post.link` to be fetched (in the background)."""
    if not post.link:
        Post.objects.filter(pk=post.pk).update(card_status=CardStatus.NONE, card_error="")
        post.card_status = CardStatus.NONE
        post.card_error = ""
        return
    Post.objects.filter(pk=post.pk).update(
        card_status=CardStatus.PENDING, card_error="", card_fetched_at=None
    )
    post.card_status = CardStatus.PENDING
    post.card_error = ""
    post.card_fetched_at = None
    from ..tasks_link_cards import fetch_link_card

    # In the caller's transaction, as elsewhere: with the database queue the task is committed
    # together with the link it is for.
    fetch_link_card.enqueue(post_id=post.pk)


def link_card_fetch(*, post_id: int) -> str:
    """Fetch and store the card of a post whose card is pending. Returns what happened:
    "stored", "dropped" (hand-edited or the link changed meanwhile) or "skipped"."""
    post = Post.objects.select_related("organization").filter(pk=post_id).first()
    if post is None or post.card_status != CardStatus.PENDING or not post.link:
        return "skipped"
    link = post.link
    try:
        card = _fetch_card(link)
    except Exception as exc:
        if not isinstance(exc, FetchError):
            # A bug, or a page that trips up a library: the card must not stay "Fetching"
            # forever, so it fails like any other and the manager can fill it in by hand.
            logger.exception("link card for post %s failed", post_id)
            exc = FetchError(_("The page could not be read."))
        # Stored as text, so in the organisation's language (what its managers read).
        with translation.override(post.organization.language):
            message = str(exc)
        fields: dict[str, object] = dict.fromkeys(_CARD_FIELDS, "")
        fields.update(card_status=CardStatus.FAILED, card_error=message[:300])
    else:
        fields = {
            "card_title": card.title,
            "card_description": card.description,
            "card_image_url": card.image_url,
            "card_site_name": card.site_name,
            "card_status": CardStatus.FETCHED,
            "card_error": "",
        }
    fields["card_fetched_at"] = timezone.now()
    # Conditional: only while still pending for the same link. A manager who wrote the card
    # by hand (status manual), or a new link (with its own pending fetch), wins over this one.
    updated = Post.objects.filter(pk=post_id, link=link, card_status=CardStatus.PENDING).update(
        **fields
    )
    return "stored" if updated else "dropped"


def link_cards_resume(*, now: datetime | None = None, limit: int = 500) -> int:
    """Enqueue again the fetches of cards still pending long after their fetch must have ended
    (a worker died, the queue was lost). `card_fetched_at` of a pending card is when it was
    last tried, so each stuck card is retried once per `RESUME_AFTER`, not on every run."""
    now = now or timezone.now()
    cutoff = now - max(RESUME_AFTER, timedelta(seconds=3 * settings.LINK_CARD_TIMEOUT_SECONDS))
    stuck = list(
        Post.objects.filter(card_status=CardStatus.PENDING, updated_at__lt=cutoff)
        .exclude(link="")
        .filter(Q(card_fetched_at__isnull=True) | Q(card_fetched_at__lt=cutoff))
        .values_list("pk", flat=True)[:limit]
    )
    if not stuck:
        return 0
    Post.objects.filter(pk__in=stuck).update(card_fetched_at=now)
    from ..tasks_link_cards import fetch_link_card

    for post_id in stuck:
        fetch_link_card.enqueue(post_id=post_id)
    return len(stuck)


def _fetch_card(link: str) -> LinkCard:
    result: FetchResult = fetch(
        link,
        max_bytes=settings.LINK_CARD_MAX_BYTES,
        timeout=settings.LINK_CARD_TIMEOUT_SECONDS,
    )
    if not 200 <= result.status < 300:
        raise FetchError(_("The site answered with error %(status)s."), status=result.status)
    content_type = result.headers.get("content-type", "")
    if not is_html(content_type):
        raise FetchError(
            _("The address is not a web page (%(type)s)."),
            type=content_type.split(";", 1)[0].strip()[:60],
        )
    card = parse_card(result.body, url=result.url, content_type=content_type)
    if card.is_empty():
        raise FetchError(_("The page has no title, description or image."))
    return card


def link_card_edit(
    *, post: Post, title: str, description: str, image_url: str, by: Membership | None
) -> Post:
    """Write the card by hand; a later fetch does not overwrite it (status MANUAL) until the
    link changes. Raises ValidationError keyed by the model's field names (card_title,
    card_description, card_image_url)."""
    require_programme_runner(by, post.organization)
    if not post.link:
        raise ValidationError(_("This post has no link, so it has no link card."))
    title, description, image_url = (
        (title or "").strip(),
        (description or "").strip(),
        (image_url or "").strip(),
    )
    errors: dict[str, str] = {}
    if not title:
        errors["card_title"] = _("Give the card a title.")
    if len(title) > Post._meta.get_field("card_title").max_length:
        errors["card_title"] = _("Keep the title to %(n)s characters.") % {
            "n": Post._meta.get_field("card_title").max_length
        }
    if len(description) > DESCRIPTION_MAX_LENGTH:
        errors["card_description"] = _("Keep the description to %(n)s characters.") % {
            "n": DESCRIPTION_MAX_LENGTH
        }
    if image_url:
        try:
            URLValidator(schemes=["http", "https"])(image_url)
        except ValidationError:
            errors["card_image_url"] = _("Enter a web address (http or https) of an image.")
        else:
            if len(image_url) > Post._meta.get_field("card_image_url").max_length:
                errors["card_image_url"] = _("This address is too long.")
    if errors:
        raise ValidationError(errors)

    post.card_title = title
    post.card_description = description
    post.card_image_url = image_url
    if not post.card_site_name and post.link:
        post.card_site_name = (urlsplit(post.link).hostname or "").removeprefix("www.")[:200]
    post.card_status = CardStatus.MANUAL
    post.card_error = ""
    post.save(update_fields=[*_CARD_FIELDS, "card_status", "card_error", "updated_at"])
    audit(
        "post.card_edited",
        actor=by.user if by else None,
        organization=post.organization,
        target=post,
        title=title,
    )
    return post
