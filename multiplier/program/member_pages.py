"""What members see of steps 3 and 4 in the account pages: the onboarding step "Your themes" and
two sections of their profile (their themes, their way to contribute). Registered from
ProgramConfig.ready() in the registries of `accounts`, which never imports `program`."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from multiplier.accounts import onboarding, profile_sections
from multiplier.core.models import Membership

from .forms.member_themes import ThemeChoicesForm
from .models import MemberLevel, Theme
from .selectors.levels import ordered_levels
from .services.member_themes import member_theme_set


def _has_active_themes(membership: Membership) -> bool:
    return Theme.objects.filter(organization_id=membership.organization_id).active().exists()


def _themes_form(membership: Membership, data: QueryDict | None) -> forms.Form:
    return ThemeChoicesForm(data, membership=membership)


def _save_themes(membership: Membership, form: forms.Form | None) -> None:
    member_theme_set(membership=membership, choices=cast(ThemeChoicesForm, form).choices())


def _level_context(membership: Membership) -> dict[str, Any]:
    member_level = MemberLevel.objects.filter(membership=membership).select_related("level")
    found = member_level.first()
    return {
        "my_level": found.level if found else None,
        "levels": list(ordered_levels(membership.organization)),
    }


def _has_levels(membership: Membership) -> bool:
    return membership.organization.levels.exists()


THEMES_STEP = onboarding.register(
    onboarding.Step(
        key="themes",
        order=250,  # after "Your networks" (200), before language and notifications (300)
        title=_("Your themes"),
        template="program/member_themes/onboarding.html",
        form=_themes_form,
        save=_save_themes,
        is_needed=_has_active_themes,
    )
)

THEMES_SECTION = profile_sections.register(
    profile_sections.ProfileSection(
        key="themes",
        order=100,
        title=_("Your themes"),
        template="program/member_themes/profile_section.html",
        form=_themes_form,
        save=_save_themes,
        saved_message=_("Your themes are saved."),
        save_label=_("Save themes"),
        is_shown=_has_active_themes,
    )
)

LEVEL_SECTION = profile_sections.register(
    profile_sections.ProfileSection(
        key="way-to-contribute",
        order=200,
        title=_("How you contribute"),
        template="program/levels/profile_section.html",
        is_shown=_has_levels,
        context=_level_context,
    )
)
