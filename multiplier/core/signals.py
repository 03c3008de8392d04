"""Audit-log receivers for authentication events.

These events belong to a person, not to one organisation, so they are written without one; each
organisation's audit log shows those of its own members (see selectors.org_audit_events).
"""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import authentication_failed, authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .audit import audit


@receiver(user_logged_in, dispatch_uid="audit_login")
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit("auth.login", actor=user, target=user.email)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # The password is never in `credentials` here (Django cleanses it), only the login name.
    # Lower-cased like stored addresses, so the attempt shows up in the person's organisations.
    login = credentials.get("email") or credentials.get("username") or ""
    audit("auth.login_failed", target=login.strip().lower())


@receiver(authentication_failed, dispatch_uid="audit_mfa_failed")
def audit_mfa_failed(sender: Any, user: Any, **kwargs: Any) -> None:
    audit("auth.mfa_failed", actor=user, target=user.email)


@receiver(authenticator_added, dispatch_uid="audit_mfa_enabled")
def audit_mfa_enabled(sender: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit("auth.mfa_enabled", actor=user, target=user.email, method=authenticator.type)


@receiver(authenticator_removed, dispatch_uid="audit_mfa_disabled")
def audit_mfa_disabled(sender: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit("auth.mfa_disabled", actor=user, target=user.email, method=authenticator.type)


@receiver(password_changed, dispatch_uid="audit_password_changed")
def audit_password_changed(sender: Any, user: Any, **kwargs: Any) -> None:
    audit("auth.password_changed", actor=user, target=user.email)


@receiver(password_reset, dispatch_uid="audit_password_reset")
def audit_password_reset(sender: Any, user: Any, **kwargs: Any) -> None:
    audit("auth.password_reset", actor=user, target=user.email)
