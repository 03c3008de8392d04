"""Content: ready-made posts and their variants, the rhythm they arrive in, feeds that suggest
them, and posts employees propose themselves.

A post moves draft → in review → scheduled → live → archived; an employee's proposal can also be
declined. Variants are what keeps colleagues' shares from looking identical. Every model carries
`organization` (tenancy); lookups go through content/access.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Membership, Organization
from multiplier.program.models import Campaign, Theme


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    ARCHIVED = "archived", _("Archived")
    DECLINED = "declined", _("Declined")


class PostSource(models.TextChoices):
    MANAGER = "manager", _("Programme team")
    FEED = "feed", _("Content source")
    EMPLOYEE = "employee", _("Employee")


class PostKind(models.TextChoices):
    POST = "post", _("Post")
    BLOG = "blog", _("Blog")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    TEAMS = "teams", _("Some teams")
    THEMES = "themes", _("People on some themes")
    LEADERS = "leaders", _("Leaders")


class CardStatus(models.TextChoices):
    NONE = "none", _("No link")
    PENDING = "pending", _("Fetching")
    FETCHED = "fetched", _("Fetched")
    FAILED = "failed", _("Could not fetch")
    MANUAL = "manual", _("Edited by hand")


class PostQuerySet(models.QuerySet["Post"]):
    def live_at(self, moment) -> PostQuerySet:
        """Live posts whose window includes `moment` (what the ambassador feed shows)."""
        return self.filter(status=PostStatus.LIVE, starts_at__lte=moment).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=moment)
        )

    def by_employees(self) -> PostQuerySet:
        return self.filter(source=PostSource.EMPLOYEE)


class Post(models.Model):
    """A ready-made post: a link (optional) and one or more variants of text and image."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(_("title (internal)"), max_length=160)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(
        _("kind"), max_length=10, choices=PostKind.choices, default=PostKind.POST
    )
    link = models.URLField(_("link"), max_length=1000, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="posts")
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    # Who sees it in their feed.
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    audience_teams = models.JSONField(_("teams"), default=list, blank=True)
    audience_themes = models.ManyToManyField(Theme, blank=True, related_name="audience_posts")
    # The window: live from `starts_at`; leaves the feed at `ends_at` (links keep working).
    starts_at = models.DateTimeField(_("live from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("live until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    source = models.CharField(
        _("source"), max_length=20, choices=PostSource.choices, default=PostSource.MANAGER
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # An employee's own post: credited to them; reviewed by the programme team.
    author = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="own_posts"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    # The link card (OpenGraph / Twitter card), fetched in the background or edited by hand.
    card_title = models.CharField(_("card title"), max_length=300, blank=True)
    card_description = models.TextField(_("card description"), blank=True)
    card_image_url = models.URLField(_("card image"), max_length=1000, blank=True)
    card_site_name = models.CharField(_("site name"), max_length=200, blank=True)
    card_status = models.CharField(
        max_length=20, choices=CardStatus.choices, default=CardStatus.NONE
    )
    card_error = models.CharField(max_length=300, blank=True)
    card_fetched_at = models.DateTimeField(null=True, blank=True)
    went_live_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-starts_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="post_slug_per_org"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="post_window",
            ),
        ]
        indexes = [models.Index(fields=["organization", "status", "starts_at"])]

    def __str__(self) -> str:
        return self.title


def variant_image_path(instance: Variant, filename: str) -> str:
    # Per organisation, under a random name: upload names are neither trusted nor revealing.
    import uuid
    from pathlib import Path

    suffix = Path(filename).suffix.lower()[:5]
    return f"org-{instance.organization_id}/variants/{uuid.uuid4().hex}{suffix}"


class Variant(models.Model):
    """One version of a post: its own wording, optionally its own image, for some networks."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="variants")
    text = models.TextField(_("text"))
    image = models.ImageField(_("image"), upload_to=variant_image_path, blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=500, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    hashtags = models.JSONField(_("hashtags"), default=list, blank=True)
    # Empty: meant for every network; otherwise only for these (accounts.models.Network values).
    networks = models.JSONField(_("networks"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.post} #{self.position + 1}"


# --- Rhythm ------------------------------------------------------------------------------------


class ContentSettings(models.Model):
    """The rhythm's knobs (the cadence itself is `Organization.cadence_days`)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="content_settings"
    )
    cycle_anchor = models.DateField(
        _("first day of a cycle"),
        help_text=_("Cycles start on this day and every cadence after it."),
    )
    min_posts_per_cycle = models.PositiveSmallIntegerField(
        _("posts a cycle needs at least"), default=2
    )
    warn_days_before = models.PositiveSmallIntegerField(
        _("warn this many days before a cycle starts"), default=7
    )

    class Meta:
        verbose_name = _("content settings")
        verbose_name_plural = _("content settings")

    def __str__(self) -> str:
        return f"{self.organization}"


class CycleEventKind(models.TextChoices):
    OPENED = "opened", _("Cycle opened")
    EMPTY_WARNING = "empty_warning", _("Warning: next cycle nearly empty")


class CycleEvent(models.Model):
    """Something that happens once per cycle; the unique constraint makes "once" hold even with
    several schedulers (the second insert fails)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    cycle_start = models.DateField()
    kind = models.CharField(max_length=20, choices=CycleEventKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "cycle_start", "kind"], name="once_per_cycle"
            )
        ]
        ordering = ["-cycle_start"]

    def __str__(self) -> str:
        return f"{self.organization} {self.cycle_start} {self.kind}"


# --- Content sources ---------------------------------------------------------------------------


class FeedSource(models.Model):
    """An RSS or Atom feed whose new items become draft posts in the review queue."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="feed_sources"
    )
    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("feed address"), max_length=1000)
    themes = models.ManyToManyField(Theme, blank=True, related_name="feed_sources")
    is_active = models.BooleanField(_("active"), default=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("content source")
        verbose_name_plural = _("content sources")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "url"], name="feed_once_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class FeedItem(models.Model):
    """An item seen in a feed (kept so it never becomes a second draft)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000)
    link = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    post = models.OneToOneField(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_item"
    )
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-seen_at"]
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="feed_item_once")]

    def __str__(self) -> str:
        return self.title or self.guid
