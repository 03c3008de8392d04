"""Writes to a person's own account: language, profile, networks. Views call these; they never
save models directly. All of it belongs to the person, so it is shared by all their
organisations."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Network, NetworkPresence, User
from ..networks import MAX_AUDIENCE, NetworkAnswer, clean_handle


def _check_language(language: str) -> None:
    if language not in {code for code, _label in settings.LANGUAGES}:
        raise ValueError(f"Unsupported language: {language!r}")


def user_set_language(*, user: User, language: str) -> None:
    _check_language(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def user_update_profile(
    *,
    user: User,
    name: str | None = None,
    language: str | None = None,
    notify_new_content: bool | None = None,
    notify_digest: bool | None = None,
    notify_reminders: bool | None = None,
) -> list[str]:
    """Change what is given (None leaves a field alone). Returns the fields that changed."""
    changes: dict[str, object] = {
        "language": language,
        "notify_new_content": notify_new_content,
        "notify_digest": notify_digest,
        "notify_reminders": notify_reminders,
    }
    if name is not None:
        name = name.strip()
        if not name:
            raise ValueError("A name is required.")
        changes["name"] = name
    if language is not None:
        _check_language(language)
    changed = [
        field
        for field, value in changes.items()
        if value is not None and getattr(user, field) != value
    ]
    for field in changed:
        setattr(user, field, changes[field])
    if changed:
        user.save(update_fields=changed)
    return changed


@transaction.atomic
def user_set_networks(*, user: User, answers: Mapping[str, NetworkAnswer]) -> None:
    """Make the person's networks exactly `answers`: networks left out are removed."""
    cleaned: dict[str, NetworkAnswer] = {}
    for network, answer in answers.items():
        if network not in Network.values:
            raise ValidationError(f"Unknown network: {network!r}")
        if not 0 <= answer.audience_size <= MAX_AUDIENCE:
            raise ValidationError(f"Audience size out of range: {answer.audience_size}")
        cleaned[network] = NetworkAnswer(clean_handle(network, answer.handle), answer.audience_size)
    NetworkPresence.objects.filter(user=user).exclude(network__in=list(cleaned)).delete()
    for network, answer in cleaned.items():
        NetworkPresence.objects.update_or_create(
            user=user,
            network=network,
            defaults={"handle": answer.handle, "audience_size": answer.audience_size},
        )
