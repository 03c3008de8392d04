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
