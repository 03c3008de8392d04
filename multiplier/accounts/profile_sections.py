"""Extra sections of the member's profile page: a registry, so a higher app (the programme's themes
and levels) can add to the profile without `accounts` importing it.

The profile page (accounts/views/profile.py) shows its own sections (about you, networks,
account, taking part) and, between networks and account, every registered section that
`is_shown` for the member, in `order`. A section with a form posts to the profile page with
`section=<key>`; the page validates it, calls `save` and shows `saved_message`.

Registering a section (e.g. from another app's `AppConfig.ready`)::

    from multiplier.accounts.profile_sections import ProfileSection, register

    register(
        ProfileSection(
            key="themes",
            order=100,
            title=_("Your themes"),
            template="program/member_themes/profile_section.html",
            form=lambda membership, data: ThemeChoicesForm(data, membership=membership),
            save=lambda membership, form: member_theme_set(...),
            saved_message=_("Your themes are saved."),
            is_shown=lambda membership: membership.organization.themes.active().exists(),
        )
    )

- `template` renders the section's inside (the page draws the card and the heading, and for a
  section with a form: the <form>, its CSRF token, the hidden `section` field and the Save
  button). It receives `form`, `section`, `membership`, `organization` and whatever
  `context(membership)` returns.
- `form(membership, data)` and `save(membership, form)` work as in the onboarding wizard's steps
  (accounts/onboarding.py): the same form can serve both. `save` writes through a service.
- Sections are about taking part, so a member who opted out never sees them: their profile is
  only there to opt in again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from django.utils.functional import Promise

if TYPE_CHECKING:
    from multiplier.core.models import Membership


def _always(membership: Membership) -> bool:
    return True


def _nothing(membership: Membership, form: forms.Form | None) -> None:
    return None


def _no_context(membership: Membership) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ProfileSection:
    key: str
    order: int
    title: str | Promise
    template: str
    form: Callable[[Membership, QueryDict | None], forms.Form] | None = None
    save: Callable[[Membership, forms.Form | None], None] = _nothing
    saved_message: str | Promise = ""
    save_label: str | Promise = ""  # the button's text; "Save" when empty
    is_shown: Callable[[Membership], bool] = _always
    context: Callable[[Membership], dict[str, Any]] = _no_context

    def make_form(self, membership: Membership, data: QueryDict | None = None) -> forms.Form | None:
        return self.form(membership, data) if self.form is not None else None


_registry: dict[str, ProfileSection] = {}


def register(section: ProfileSection) -> ProfileSection:
    """Add a section. Registering the same section twice is harmless; two different sections
    with one key is a programming error."""
    existing = _registry.get(section.key)
    if existing is not None and existing != section:
        raise ImproperlyConfigured(f"Two profile sections are called {section.key!r}.")
    _registry[section.key] = section
    return section


def unregister(key: str) -> None:
    _registry.pop(key, None)


def sections_for(membership: Membership) -> list[ProfileSection]:
    """The sections this member sees, in order (none for a member who opted out)."""
    if not membership.is_active:
        return []
    sections = sorted(_registry.values(), key=lambda section: (section.order, section.key))
    return [section for section in sections if section.is_shown(membership)]
