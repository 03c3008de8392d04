"""People: the user account and what belongs to the person rather than to one organisation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):  # type: ignore[override]
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):  # type: ignore[override]
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):  # type: ignore[override]
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email: str):  # type: ignore[override]
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person. Their role in an organisation lives on `core.Membership`."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Notification preferences (what the person wants to hear about, in every organisation).
    notify_new_content = models.BooleanField(
        _("e-mail me when new posts are ready to share"), default=True
    )
    notify_digest = models.BooleanField(_("send me a weekly summary of my impact"), default=True)
    notify_reminders = models.BooleanField(
        _("remind me of shares I planned for later"), default=True
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@", 1)[0]

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.display_name.split(" ", 1)[0]

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Network(models.TextChoices):
    """The social networks the product knows (share intents for all; APIs for some, later)."""

    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    THREADS = "threads", "Threads"


class NetworkPresence(models.Model):
    """A network a person is on and roughly how many people they reach there.

    The audience size is self-reported at onboarding and on the profile; it is what "potential
    reach" is computed from, so it is a number, not a range label.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="networks"
    )
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    handle = models.CharField(_("handle or profile address"), max_length=200, blank=True)
    audience_size = models.PositiveIntegerField(
        _("followers or connections (approximately)"), default=0
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="one_presence_per_network")
        ]
        ordering = ["network"]

    def __str__(self) -> str:
        return f"{self.get_network_display()} ({self.audience_size})"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    """Open invitations are those nobody accepted or revoked; they are pending until they
    expire."""

    def open(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self) -> InvitationQuerySet:
        return self.open().filter(expires_at__gt=timezone.now())

    def expired(self) -> InvitationQuerySet:
        return self.open().filter(expires_at__lte=timezone.now())

    def accepted(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=False)

    def counts(self) -> dict[str, int]:
        """{"pending": n, "expired": n, "accepted": n} in one query."""
        now = timezone.now()
        open_ = models.Q(accepted_at__isnull=True, revoked_at__isnull=True)
        return self.aggregate(
            pending=models.Count("id", filter=open_ & models.Q(expires_at__gt=now)),
            expired=models.Count("id", filter=open_ & models.Q(expires_at__lte=now)),
            accepted=models.Count("id", filter=models.Q(accepted_at__isnull=False)),
        )


class Invitation(models.Model):
    """An invitation of one person to one organisation.

    The link in the e-mail carries `key` (which invitation) followed by a secret; only a hash of
    the secret is stored, so the database alone never lets anyone accept an invitation. A new
    secret is made each time the e-mail is sent, which invalidates earlier links.
    """

    organization = models.ForeignKey(
        "core.Organization", on_delete=models.CASCADE, related_name="invitations"
    )
    # Null once revoked: the invited membership is removed, the invitation is kept (until it is
    # pruned) so that its link can still say "withdrawn" instead of "unknown".
    membership = models.OneToOneField(
        "core.Membership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitation",
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    key = models.CharField(max_length=16, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    send_count = models.PositiveIntegerField(_("times sent"), default=0)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization_id}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.is_open and self.expires_at <= timezone.now()


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Inviting")
    DONE = "done", _("Done")


class InvitationImport(models.Model):
    """A validated file of people to invite, processed in chunks by a background task.

    `processed` rows have been invited; each chunk is invited and counted in one transaction,
    so a worker that stops half-way is resumed from `processed` and never invites twice.
    """

    organization = models.ForeignKey(
        "core.Organization", on_delete=models.CASCADE, related_name="invitation_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    # The validated rows: [{"row": 2, "email": ..., "name": ..., "team": ..., "role": ...,
    # "is_leader": ..., "language": ...}, ...]. Emptied when the import is done.
    rows = models.JSONField(default=list, blank=True)
    # {"invited": n, "resent": n, "skipped": [{"row": r, "email": e}], "ignored_columns": [...]}
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation import")
        verbose_name_plural = _("invitation imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.processed}/{self.total})"

    @property
    def is_done(self) -> bool:
        return self.status == ImportStatus.DONE

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 100
