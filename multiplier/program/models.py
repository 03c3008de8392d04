"""The programme's strategy, step by step (PRODUCT.md, "The seven steps").

1 Goal (+ Campaign, which groups work towards goals)   2 Theme   3 MemberTheme (who cares about /
knows about which theme)   4 Level, MemberLevel   5 Entity, Connection (the outside world)
6 Policy, PolicyAcceptance, GuardrailTerm (support)   7 measuring comes with sharing and tracking.

Every model carries `organization` (tenancy); lookups go through program/access.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Membership, Organization

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour like #1f5f8b."))


class ProgrammeSettings(models.Model):
    """Per-organisation knobs of the programme (one row per organisation, made on demand)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="programme_settings"
    )
    min_ambassadors_per_theme = models.PositiveSmallIntegerField(
        _("ambassadors a theme needs at least"), default=3
    )
    min_experts_per_theme = models.PositiveSmallIntegerField(
        _("experts a theme needs at least"), default=1
    )

    class Meta:
        verbose_name = _("programme settings")
        verbose_name_plural = _("programme settings")

    def __str__(self) -> str:
        return f"{self.organization}"


# --- Step 2: themes ----------------------------------------------------------------------------


class ThemeQuerySet(models.QuerySet["Theme"]):
    def active(self) -> ThemeQuerySet:
        return self.filter(archived_at__isnull=True)


class Theme(models.Model):
    """A subject the organisation wants to be recognised for. Archived, never deleted, once used."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#1f5f8b", validators=[HEX_COLOUR])
    position = models.PositiveIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint("organization", Lower("name"), name="theme_name_unique_per_org")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


# --- Step 3: employees per theme ---------------------------------------------------------------


class ThemeRelation(models.TextChoices):
    INTEREST = "interest", _("Interest")
    EXPERTISE = "expertise", _("Expertise")


class MemberTheme(models.Model):
    """A member's bond with a theme: interest or expertise; an expert can be confirmed by a
    manager (who can also assign someone to a theme)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="themes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="members")
    relation = models.CharField(
        _("relation"), max_length=20, choices=ThemeRelation.choices, default=ThemeRelation.INTEREST
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member theme")
        verbose_name_plural = _("member themes")
        constraints = [
            models.UniqueConstraint(fields=["membership", "theme"], name="one_bond_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} — {self.theme} ({self.relation})"

    @property
    def is_confirmed_expert(self) -> bool:
        return self.relation == ThemeRelation.EXPERTISE and self.confirmed_at is not None


# --- Step 4: levels ----------------------------------------------------------------------------


class Level(models.Model):
    """A way to contribute (not a rank). The criteria say which behaviour suggests it; the
    suggestion is the last level, in order, whose every criterion the member meets."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="levels")
    key = models.SlugField(max_length=40)
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("what it means"), blank=True)
    behaviour = models.TextField(_("the behaviour that suggests it"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    min_shares = models.PositiveIntegerField(_("shares at least"), default=0)
    min_personalised_shares = models.PositiveIntegerField(
        _("shares in own words at least"), default=0
    )
    min_own_posts = models.PositiveIntegerField(_("own posts at least"), default=0)
    min_expert_themes = models.PositiveIntegerField(
        _("confirmed expertise in themes at least"), default=0
    )

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="level_key_unique"),
            models.UniqueConstraint(
                "organization", Lower("name"), name="level_name_unique_per_org"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemberLevel(models.Model):
    """The level a manager set for a member (the product's suggestion is computed, not stored)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="level")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="members")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member level")
        verbose_name_plural = _("member levels")

    def __str__(self) -> str:
        return f"{self.membership.user}: {self.level}"


# --- Step 1: goals and campaigns ---------------------------------------------------------------


class Metric(models.TextChoices):
    SHARES = "shares", _("Shares")
    CLICKS = "clicks", _("Clicks (people, not bots)")
    POTENTIAL_REACH = "potential_reach", _("Potential reach")
    ACTIVE_AMBASSADORS = (
        "active_ambassadors",
        _("Active ambassadors (percentage of invited who shared)"),
    )
    PERSONALISED_SHARE_RATE = "personalised_share_rate", _("Shares in own words (%)")
    OWN_POSTS = "own_posts", _("Posts written by employees")
    AMBASSADORS_PER_THEME = "ambassadors_per_theme", _("Ambassadors per theme")


class Campaign(models.Model):
    """A push towards one or more goals in a period, around themes; posts belong to at most one
    campaign. It lives here (not in `content`) because goals filter on it and `program` is the
    lower layer: content's posts point up to it, never the other way."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="campaigns"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="campaigns")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start", "name"]
        constraints = [
            models.UniqueConstraint(
                "organization", Lower("name"), name="campaign_name_unique_per_org"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="campaign_period"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Goal(models.Model):
    """What the programme must achieve: a metric, a target, a period, optionally narrowed to a
    theme or a campaign. When the period is over the final result is kept (`final_value`)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="goals")
    name = models.CharField(_("name"), max_length=120)
    why = models.TextField(_("why this matters"), blank=True)
    metric = models.CharField(_("metric"), max_length=40, choices=Metric.choices)
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    final_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["-end", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="goal_period"
            ),
            models.CheckConstraint(condition=models.Q(target__gt=0), name="goal_target_positive"),
        ]

    def __str__(self) -> str:
        return self.name


# --- Step 5: the outside world -----------------------------------------------------------------


class EntityKind(models.TextChoices):
    AUDIENCE = "audience", _("Audience / target group")
    INFLUENCER = "influencer", _("Influencer")
    MEDIA = "media", _("Media")
    COMMUNITY = "community", _("Community")
    EVENT = "event", _("Event")
    PEER = "peer", _("Peer organisation")


class Entity(models.Model):
    """Someone or something around a theme that the programme wants to reach or be part of."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="entities"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=EntityKind.choices)
    themes = models.ManyToManyField(Theme, blank=True, related_name="entities")
    url = models.URLField(_("web address"), blank=True, max_length=500)
    # {network: handle} in the stored form of accounts.networks (@name, @name@server, profile
    # address), one per network: a JSON object rather than free text, so each can be validated
    # for its network and turned into a link.
    handles = models.JSONField(_("handles on social networks"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_key = models.BooleanField(
        _("key"), default=False, help_text=_("Someone or something the programme must be close to.")
    )
    event_date = models.DateField(_("date (events)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outside-world entity")
        verbose_name_plural = _("outside world")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                "organization", Lower("name"), "kind", name="entity_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ConnectionKind(models.TextChoices):
    FOLLOWS = "follows", _("Follows")
    KNOWS = "knows", _("Knows personally")
    ENGAGES = "engages", _("Engages regularly")
    SHOULD_CONNECT = "should_connect", _("Should connect")


class Connection(models.Model):
    """A member's tie to an outside-world entity (or the wish that there were one)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="connections")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="connections")
    kind = models.CharField(_("kind"), max_length=20, choices=ConnectionKind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "membership", "kind"], name="one_connection_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} {self.kind} {self.entity}"


# --- Step 6: the social media policy and guardrails --------------------------------------------


class PolicyQuerySet(models.QuerySet["Policy"]):
    def published(self) -> PolicyQuerySet:
        return self.filter(published_at__isnull=False)


class Policy(models.Model):
    """One version of the organisation's social media policy: support, not control. Drafts have
    no `published_at`; the current policy is the published one with the highest version."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="policies"
    )
    version = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))  # sanitised HTML (nh3), never rendered unsanitised
    # What the manager typed (simple formatting, see program/policy_text.py): kept so that a
    # draft, or a new draft made from this version, is edited as it was written. Never rendered.
    source = models.TextField(_("text as written"), blank=True)
    changes = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("social media policy")
        verbose_name_plural = _("social media policies")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "version"], name="policy_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class PolicyAcceptance(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="acceptances")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="policy_acceptances"
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("policy acceptance")
        verbose_name_plural = _("policy acceptances")
        constraints = [models.UniqueConstraint(fields=["policy", "membership"], name="accept_once")]

    def __str__(self) -> str:
        return f"{self.membership.user} accepted v{self.policy.version}"


class GuardrailCategory(models.TextChoices):
    POLITICAL = "political", _("Politics")
    POLARISING = "polarising", _("Polarising subject")
    CONFIDENTIAL = "confidential", _("Confidential")
    OTHER = "other", _("Other")


class GuardrailTerm(models.Model):
    """A word or phrase that deserves a second look before posting. Findings warn; they never
    block (the policy is support, not control)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="guardrail_terms"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    term = models.CharField(_("word or phrase"), max_length=80)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=GuardrailCategory.choices,
        default=GuardrailCategory.OTHER,
    )
    advice = models.CharField(_("advice shown with it"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("guardrail term")
        verbose_name_plural = _("guardrail terms")
        ordering = ["language", "category", "term"]
        constraints = [
            models.UniqueConstraint(
                "organization", "language", Lower("term"), name="guardrail_term_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.language})"
