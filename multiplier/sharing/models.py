"""Sharing: every share a member makes (what, where, in which words), the reminders they set for
a suggested time slot, and what the share flow remembers about them (their Mastodon server).

Every model carries `organization` (tenancy); lookups go through sharing/access.py.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from multiplier.content.models import Post, Variant
from multiplier.core.models import Membership, Organization
from multiplier.tracking.models import TrackedLink


class ShareNetwork(models.TextChoices):
    """Where a share goes: the networks with a share intent (see shared/notes/networks.md), e-mail,
    and "copy text" for anywhere else."""

    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    THREADS = "threads", "Threads"
    WHATSAPP = "whatsapp", "WhatsApp"
    TELEGRAM = "telegram", "Telegram"
    EMAIL = "email", _("E-mail")
    COPY = "copy", _("Copy text")


class ShareMethod(models.TextChoices):
    INTENT = "intent", _("Share intent")  # the network's page opened with the text filled in
    COPY = "copy", _("Copied text")  # the member pasted the text themselves


class ShareQuerySet(models.QuerySet["Share"]):
    def counted(self) -> ShareQuerySet:
        """Shares that count: not undone, by members who take part (opted-out members are
        counted nowhere)."""
        return self.filter(undone_at__isnull=True, membership__status="active")


class Share(models.Model):
    """One share of a post by a member, recorded when they open the network (or copy the text)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="shares")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="shares")
    variant = models.ForeignKey(
        Variant, null=True, blank=True, on_delete=models.SET_NULL, related_name="shares"
    )
    network = models.CharField(_("network"), max_length=20, choices=ShareNetwork.choices)
    text = models.TextField(_("text"))
    personalised = models.BooleanField(_("in own words"), default=False)
    # How far the text is from the variant (0: the same, 1: nothing in common); kept so the
    # threshold can be revisited against real shares.
    distance = models.FloatField(default=0.0)
    method = models.CharField(max_length=10, choices=ShareMethod.choices)
    tracked_link = models.OneToOneField(
        TrackedLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="share"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["membership", "post"]),
            models.Index(fields=["post", "network", "variant"]),
            models.Index(fields=["organization", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} → {self.post_id} ({self.network})"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class ShareReminder(models.Model):
    """A member's wish to share a post at a suggested slot. Delivered later by the notification
    work (which sets `delivered_at`); one open reminder per member and post."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="share_reminders"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="share_reminders")
    slot_at = models.DateTimeField(_("time"))
    network = models.CharField(_("network"), max_length=20, choices=ShareNetwork.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("share reminder")
        verbose_name_plural = _("share reminders")
        ordering = ["slot_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "post"],
                condition=Q(delivered_at__isnull=True),
                name="one_open_reminder_per_post",
            )
        ]
        indexes = [models.Index(fields=["post", "slot_at"])]

    def __str__(self) -> str:
        return f"{self.membership_id} → {self.post_id} at {self.slot_at:%Y-%m-%d %H:%M}"


class SharingProfile(models.Model):
    """What the share flow remembers about a member between shares."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="sharing_profile"
    )
    mastodon_instance = models.CharField(_("your Mastodon server"), max_length=253, blank=True)
    last_network = models.CharField(max_length=20, choices=ShareNetwork.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sharing profile")
        verbose_name_plural = _("sharing profiles")

    def __str__(self) -> str:
        return f"{self.membership_id}"
