"""The wizard's built-in steps: welcome, your networks, language and notifications. Registered by
AccountsConfig.ready(); other apps add theirs the same way (see accounts/onboarding.py)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Membership

from .onboarding import Step, register
from .profile_forms import NOTIFICATION_FIELDS, NetworksForm, PreferencesForm
from .services.profile import user_set_networks, user_update_profile

# Edelman Trust Barometer 2018: whom people find credible when an organisation speaks
# (the introduction of the book in /seeds). The percentages are why an employee's voice matters.
TRUST_BAROMETER: list[tuple[Any, int]] = [
    (_("An academic expert"), 63),
    (_("A technical expert"), 61),
    (_("Someone like yourself"), 54),
    (_("An employee"), 47),
    (_("The CEO"), 44),
]


def _welcome_context(membership: Membership) -> dict[str, Any]:
    return {"trust_barometer": TRUST_BAROMETER}


def _networks_form(membership: Membership, data: QueryDict | None) -> forms.Form:
    return NetworksForm(data, user=membership.user)


def _save_networks(membership: Membership, form: forms.Form | None) -> None:
    user_set_networks(user=membership.user, answers=cast(NetworksForm, form).answers())


def _preferences_form(membership: Membership, data: QueryDict | None) -> forms.Form:
    return PreferencesForm(data, user=membership.user)


def _save_preferences(membership: Membership, form: forms.Form | None) -> None:
    data = cast(PreferencesForm, form).cleaned_data
    user_update_profile(
        user=membership.user,
        language=data["language"],
        **{name: data[name] for name in NOTIFICATION_FIELDS},
    )


WELCOME = register(
    Step(
        key="welcome",
        order=100,
        title=_("Welcome"),
        template="accounts/onboarding/welcome.html",
        context=_welcome_context,
    )
)
NETWORKS = register(
    Step(
        key="networks",
        order=200,
        title=_("Your networks"),
        template="accounts/onboarding/networks.html",
        form=_networks_form,
        save=_save_networks,
    )
)
PREFERENCES = register(
    Step(
        key="language",
        order=300,
        title=_("Language and notifications"),
        template="accounts/onboarding/preferences.html",
        form=_preferences_form,
        save=_save_preferences,
    )
)
