"""Recording shares, undoing one recorded by mistake, and reminders for a suggested slot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.content.limits import LIMITS, measure
from multiplier.content.models import Post, Variant
from multiplier.core.models import Membership
from multiplier.tracking.services.links import CODE_LENGTH, short_url, tracked_link_create

from ..feed import post_in_feed
from ..intents import Intent, clean_instance, intent_for, share_method, with_link
from ..models import Share, ShareNetwork, ShareReminder, SharingProfile
from ..personalise import THRESHOLD, distance
from ..slots import post_window
from ..variants import starting_text

UNDO_WINDOW = timedelta(minutes=10)
TEXT_MAX = 10_000  # far above every network's limit; a guard against pasted books


@dataclass(frozen=True)
class Recorded:
    share: Share
    intent: Intent


def _check_post(membership: Membership, post: Post, now: datetime) -> None:
    if not post_in_feed(membership, post, now):
        raise ValidationError(_("This post is no longer in your feed."), code="not_in_feed")


def share_link(share: Share) -> str:
    return short_url(share.tracked_link) if share.tracked_link_id else share.post.link


def share_intent(share: Share, instance: str = "") -> Intent:
    return intent_for(
        share.network,
        text=share.text,
        link=share_link(share),
        instance=instance,
        subject=share.post.card_title or share.post.title,
    )


def validate_share_text(network: str, text: str, link: str) -> None:
    """The text must be there and fit the network with the link added (see content/limits.py)."""
    if not text.strip():
        raise ValidationError({"text": _("Write something to go with the link.")})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": _("This text is too long.")})
    if network in LIMITS:
        fit = measure(with_link(text, link), network)
        if not fit.fits:
            raise ValidationError(
                {
                    "text": _(
                        "Too long for %(network)s by %(over)d characters (with the link): "
                        "shorten it, or pick another network."
                    )
                    % {"network": ShareNetwork(network).label, "over": fit.over_by}
                }
            )


@transaction.atomic
def share_record(
    *,
    membership: Membership,
    post: Post,
    variant: Variant | None,
    network: str,
    text: str,
    mastodon_instance: str = "",
    now: datetime | None = None,
) -> Recorded:
    """Record a share and make its tracked link; returns the share and the intent to open."""
    now = now or timezone.now()
    _check_post(membership, post, now)
    if network not in ShareNetwork.values:
        raise ValidationError({"network": _("Choose a network.")})
    if variant is not None and variant.post_id != post.pk:
        raise ValidationError({"variant": _("Choose one of this post's variants.")})
    instance = ""
    if network == ShareNetwork.MASTODON:
        instance = clean_instance(mastodon_instance)
        if not instance:
            raise ValidationError(
                {"mastodon_instance": _("Enter your Mastodon server, for example mastodon.social.")}
            )
    # The length is checked with a link as long as the tracked one will be.
    validate_share_text(network, text, short_url_placeholder() if post.link else "")
    # Without a variant (a post that has none) every word is the member's own.
    gap = distance(starting_text(variant), text, post.link) if variant else 1.0
    link = (
        tracked_link_create(post=post, variant=variant, network=network, membership=membership)
        if post.link
        else None
    )
    share = Share.objects.create(
        organization_id=membership.organization_id,
        membership=membership,
        post=post,
        variant=variant,
        network=network,
        text=text.strip(),
        personalised=gap >= THRESHOLD,
        distance=round(gap, 4),
        method=share_method(network),
        tracked_link=link,
    )
    profile, _created = SharingProfile.objects.get_or_create(
        membership=membership, defaults={"organization_id": membership.organization_id}
    )
    profile.last_network = network
    if instance:
        profile.mastodon_instance = instance
    profile.save(update_fields=["last_network", "mastodon_instance", "updated_at"])
    return Recorded(share=share, intent=share_intent(share, instance))


def short_url_placeholder() -> str:
    """A link as long as a tracked one, for measuring a text before its link exists."""
    return f"{settings.SITE_URL}/r/{'x' * CODE_LENGTH}"


def can_undo(share: Share, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return share.undone_at is None and now - share.created_at <= UNDO_WINDOW


def share_undo(*, share: Share, by: Membership, now: datetime | None = None) -> Share:
    """Take back a share recorded by mistake, within ten minutes; only its own member can."""
    now = now or timezone.now()
    if share.membership_id != by.pk:
        raise ValidationError(_("Only the person who shared can undo a share."), code="not_own")
    if share.undone_at is not None:
        raise ValidationError(_("This share was already undone."), code="undone")
    if not can_undo(share, now):
        raise ValidationError(
            _("A share can only be undone within 10 minutes of recording it."), code="too_late"
        )
    # Conditional update: two taps on "Undo" undo once.
    Share.objects.filter(pk=share.pk, undone_at__isnull=True).update(undone_at=now)
    share.undone_at = now
    return share


def reminder_set(
    *,
    membership: Membership,
    post: Post,
    network: str,
    slot_at: datetime,
    now: datetime | None = None,
) -> ShareReminder:
    """Remember to remind the member at `slot_at` (the notification work delivers it). One open
    reminder per member and post: setting another moves it."""
    now = now or timezone.now()
    _check_post(membership, post, now)
    if network not in ShareNetwork.values:
        raise ValidationError({"network": _("Choose a network.")})
    start, end = post_window(post, now)
    if not (now <= slot_at < end) or slot_at < start:
        raise ValidationError(
            _("Choose a time between now and the end of this post's window."), code="slot"
        )
    reminder, _created = ShareReminder.objects.update_or_create(
        membership=membership,
        post=post,
        delivered_at=None,
        defaults={
            "organization_id": membership.organization_id,
            "slot_at": slot_at,
            "network": network,
        },
    )
    return reminder
