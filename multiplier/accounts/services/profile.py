"""Writes to a person's own account: language, profile. Views call these; they never save models
directly."""

from __future__ import annotations

from django.conf import settings

from ..models import User


def user_set_language(*, user: User, language: str) -> None:
    if language not in {code for code, _ in settings.LANGUAGES}:
        raise ValueError(f"Unsupported language: {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
