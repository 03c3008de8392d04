from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation


@receiver(user_logged_in, dispatch_uid="activate_user_language")
def activate_user_language(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """The page after login is already in the person's language."""
    if request is not None and getattr(user, "language", None):
        translation.activate(user.language)
