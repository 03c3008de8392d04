"""Tracked links: one short code per share, answered by the redirector with a 302 to the stored
destination (never to a URL taken from the request).

A link carries the dimensions its clicks are reported by (organisation, post, variant, network,
member) so roll-ups and impact pages need no join through the share that made it. Tracking sits
*below* sharing: the share flow creates links through `services.links.tracked_link_create`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from multiplier.content.models import Post, Variant
from multiplier.core.models import Membership, Organization


class TrackedLink(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=16, unique=True)
    destination = models.URLField(max_length=2000)
    # Links live in people's posts for years: losing the post must not break the link.
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="tracked_links"
    )
    variant = models.ForeignKey(
        Variant, null=True, blank=True, on_delete=models.SET_NULL, related_name="tracked_links"
    )
    network = models.CharField(max_length=20, blank=True)
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="tracked_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tracked link")
        verbose_name_plural = _("tracked links")
        indexes = [models.Index(fields=["organization", "post"])]

    def __str__(self) -> str:
        return self.code


class LinkDay(models.Model):
    """The roll-up pages read: per link per day (in the organisation's time zone), human clicks,
    unique visitors and bot hits. Maintained by the worker; never count raw clicks on a page."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    clicks = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)
    bot_hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="link_day_once")]
        indexes = [models.Index(fields=["organization", "day"])]

    def __str__(self) -> str:
        return f"{self.link} {self.day}"


class Click(models.Model):
    """One request to a tracked link, written by the worker from the web processes' spool files.

    No IP address and no User-Agent are kept: only whether it was a person, and for people a
    keyed hash of (IP address, User-Agent) under that day's key, so a visitor can be counted once
    per day without being recognisable (the key is deleted once the day is over)."""

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="clicks")
    at = models.DateTimeField()
    day = models.DateField()  # in the organisation's time zone, as the roll-up counts it
    human = models.BooleanField()
    visitor = models.CharField(max_length=32, blank=True)

    class Meta:
        indexes = [models.Index(fields=["link", "day"])]

    def __str__(self) -> str:
        return f"{self.link_id} {self.at:%Y-%m-%d %H:%M:%S}"


class VisitorKey(models.Model):
    """The secret of one day's visitor hashes. Deleted once no time zone is still in that day,
    after which that day's hashes can no longer be tied to an address."""

    day = models.DateField(unique=True)
    key = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)


class SpoolProgress(models.Model):
    """How far the worker has read one spool file: updated in the same transaction as the clicks
    it read, so reading a file twice never stores a click twice."""

    name = models.CharField(max_length=200, unique=True)
    offset = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}@{self.offset}"


class TrackingSettings(models.Model):
    """Which UTM parameters an organisation's tracked links carry, and with which values.
    Parameters already in a post's link always win."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="tracking_settings"
    )
    add_source = models.BooleanField(_("add utm_source (the network)"), default=True)
    add_medium = models.BooleanField(_("add utm_medium"), default=True)
    medium = models.CharField(
        _("utm_medium value"), max_length=60, default="employee_advocacy", blank=True
    )
    add_campaign = models.BooleanField(
        _("add utm_campaign (the campaign, or the post's short name)"), default=True
    )
    add_content = models.BooleanField(_("add utm_content (the variant)"), default=True)

    class Meta:
        verbose_name = _("tracking settings")
        verbose_name_plural = _("tracking settings")

    def __str__(self) -> str:
        return f"tracking settings of {self.organization_id}"
