"""How audit events read on the audit-log page: translated action labels and change details.

Other apps add labels for their own actions with `register_action_labels({...})`, and for the
values they record with `register_detail_labels({...})`, in their AppConfig.ready(); an action
without a label is shown as its code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Membership, MembershipStatus, Organization, Role

ACTION_LABELS: dict[str, Any] = {
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "auth.mfa_failed": _("Wrong two-factor code"),
    "auth.mfa_enabled": _("Two-factor authentication switched on"),
    "auth.mfa_disabled": _("Two-factor authentication switched off"),
    "auth.password_changed": _("Password changed"),
    "auth.password_reset": _("Password reset by e-mail"),
    "member.role_changed": _("Role changed"),
    "member.leader_changed": _("Leader flag changed"),
    "member.team_changed": _("Team changed"),
    "member.removed": _("Removed from the organisation"),
    "organization.updated": _("Organisation settings changed"),
}

MFA_METHODS: dict[str, Any] = {
    "totp": _("authenticator app"),
    "recovery_codes": _("recovery codes"),
    "webauthn": _("security key"),
}


# What a recorded value is called, for keys that are not a field of Membership or Organization.
DETAIL_LABELS: dict[str, Any] = {
    "method": _("method"),
}


def register_action_labels(labels: dict[str, Any]) -> None:
    ACTION_LABELS.update(labels)


def register_detail_labels(labels: dict[str, Any]) -> None:
    DETAIL_LABELS.update(labels)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def _field_label(key: str) -> str:
    if key in DETAIL_LABELS:
        return str(DETAIL_LABELS[key])
    for model in (Membership, Organization):
        try:
            return str(model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            continue
    return key.replace("_", " ")


def _value(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if key == "role" and value in Role.values:
        return str(Role(value).label)
    if key == "status" and value in MembershipStatus.values:
        return str(MembershipStatus(value).label)
    if key == "method":
        return str(MFA_METHODS.get(value, value))
    if key == "language":
        return str(dict(settings.LANGUAGES).get(value, value))
    return str(value)


def event_details(event: AuditEvent) -> list[str]:
    """One line per changed field ("role: Ambassador → Admin") or recorded value."""
    lines = []
    for key, value in (event.data or {}).items():
        if isinstance(value, dict) and {"from", "to"} <= value.keys():
            change = f"{_value(key, value['from'])} → {_value(key, value['to'])}"
            lines.append(f"{_field_label(key)}: {change}")
        else:
            lines.append(f"{_field_label(key)}: {_value(key, value)}")
    return lines
