"""Keep the feed's cache honest: any change to what the feed shows of a post replaces the
organisation's feed version (feed.py).

The bump happens twice: at once, so the rest of this request (and a test) sees the change, and
again after the commit, so that another process which rebuilt the feed between the first bump and
the commit (still reading the old rows) does not keep that stale feed under the new version.

Shares need no bump: a member's "already shared" marks are read live on every request.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from multiplier.content.models import ContentSettings, Post, Variant
from multiplier.core.models import Organization
from multiplier.program.models import Theme

from .feed import feed_version_bump


def _bump(organization_id: int | None) -> None:
    if organization_id is None:
        return
    feed_version_bump(organization_id)
    transaction.on_commit(lambda: feed_version_bump(organization_id))


@receiver(post_save, sender=Post, dispatch_uid="sharing_feed_post_saved")
@receiver(post_delete, sender=Post, dispatch_uid="sharing_feed_post_deleted")
@receiver(post_save, sender=Variant, dispatch_uid="sharing_feed_variant_saved")
@receiver(post_delete, sender=Variant, dispatch_uid="sharing_feed_variant_deleted")
@receiver(post_save, sender=Theme, dispatch_uid="sharing_feed_theme_saved")
@receiver(post_save, sender=ContentSettings, dispatch_uid="sharing_feed_settings_saved")
def _owned_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _bump(instance.organization_id)


@receiver(post_save, sender=Organization, dispatch_uid="sharing_feed_org_saved")
def _organization_changed(sender: Any, instance: Organization, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        _bump(instance.pk)  # the cadence decides what is "new this cycle"


@receiver(m2m_changed, sender=Post.themes.through, dispatch_uid="sharing_feed_post_themes")
@receiver(
    m2m_changed, sender=Post.audience_themes.through, dispatch_uid="sharing_feed_post_audience"
)
def _post_themes_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if not action.startswith("post_"):
        return
    _bump(instance.organization_id)  # a Post, or a Theme when changed from its side
