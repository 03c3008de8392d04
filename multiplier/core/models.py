"""Tenancy: organisations, who belongs to them in which role, and the audit log."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz]


class Organization(models.Model):
    """A tenant. Everything an organisation owns carries a foreign key to it."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Amsterdam"
    )
    language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    cadence_days = models.PositiveSmallIntegerField(
        _("content cadence (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("New posts arrive on this rhythm, so people know when to expect them."),
    )
    require_mfa_for_staff = models.BooleanField(
        _("require two-factor authentication for admins and managers"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": _("Unknown time zone.")})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    MANAGER = "manager", _("Programme manager")
    AMBASSADOR = "ambassador", _("Ambassador")


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    OPTED_OUT = "opted_out", _("Opted out")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_org(self, organization: Organization) -> MembershipQuerySet:
        return self.filter(organization=organization)

    def participating(self) -> MembershipQuerySet:
        """Members who take part. Opted-out and not-yet-accepted people are never in here:
        every list, count, feed and notification of participants starts from this."""
        return self.filter(status=MembershipStatus.ACTIVE)

    def invited_count(self) -> int:
        """Everyone ever invited (and not pruned), whatever they chose: the only count that
        includes opted-out members."""
        return self.count()

    def staff(self) -> MembershipQuerySet:
        return self.filter(role__in=[Role.ADMIN, Role.MANAGER])

    def leaders(self) -> MembershipQuerySet:
        return self.filter(is_leader=True)

    def of_user(self, user: Any) -> MembershipQuerySet:
        """The organisations a person belongs to (invitations they have not accepted aside),
        by name: the menu lists them and the site root picks one."""
        return (
            self.filter(user=user)
            .exclude(status=MembershipStatus.INVITED)
            .select_related("organization")
            .order_by("organization__name")
        )


class Membership(models.Model):
    """A person in an organisation: their role, team and whether they take part."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AMBASSADOR)
    is_leader = models.BooleanField(
        _("leader"),
        default=False,
        help_text=_("Managers and directors: their participation is shown separately."),
    )
    team = models.CharField(_("team or department"), max_length=120, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.INVITED,
    )
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    onboarded_at = models.DateTimeField(_("onboarding finished"), null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_opted_out(self) -> bool:
        return self.status == MembershipStatus.OPTED_OUT

    @property
    def is_staff_role(self) -> bool:
        return self.role in (Role.ADMIN, Role.MANAGER)


class AuditEvent(models.Model):
    """Who did what security-relevant thing, when. Append-only; never shown to ambassadors."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the log still says who it was after the account is erased.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target = models.CharField(max_length=254, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"


class ScheduledRun(models.Model):
    """One row per periodic job per time slot: the unique constraint is what makes the scheduler
    safe to run twice (the second insert fails and that scheduler enqueues nothing)."""

    job = models.CharField(max_length=100)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]
        ordering = ["-slot"]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"
