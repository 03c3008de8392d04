from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import NetworkPresence, User


class NetworkPresenceInline(admin.TabularInline):
    model = NetworkPresence
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "name"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    inlines = [NetworkPresenceInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal"), {"fields": ("name", "language")}),
        (
            _("Notifications"),
            {"fields": ("notify_new_content", "notify_digest", "notify_reminders")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


# --- Invitations ---------------------------------------------------------------------------------
from .models import Invitation, InvitationImport  # noqa: E402


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """For looking things up; inviting, re-sending and withdrawing happen on the organisation's
    invitations page (which sends the e-mails and writes the audit log)."""

    list_display = [
        "email",
        "organization",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["organization"]
    search_fields = ["email"]
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InvitationImport)
class InvitationImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "organization", "status", "processed", "total", "created_at"]
    list_filter = ["status", "organization"]
    exclude = ["rows"]
    readonly_fields = [f.name for f in InvitationImport._meta.fields if f.name != "rows"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
