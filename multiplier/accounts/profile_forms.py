"""The forms a person fills in about themselves. Each is used both by the onboarding wizard and by
the profile page, so the two never drift apart. They only validate; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import Network, User
from .networks import AUDIENCE_PRESETS, EXAMPLES, MAX_AUDIENCE, NetworkAnswer, clean_handle

NOTIFICATION_FIELDS = ("notify_new_content", "notify_digest", "notify_reminders")


def _language_choices() -> list[tuple[str, str]]:
    # Each language in its own name, so people find theirs whatever the page is in.
    return [
        (code, capfirst(get_language_info(code)["name_local"]))
        for code, _label in settings.LANGUAGES
    ]


def _notification_field(name: str) -> forms.BooleanField:
    # The label comes from the model, so the admin, the wizard and the profile say the same.
    return forms.BooleanField(
        label=capfirst(User._meta.get_field(name).verbose_name), required=False
    )


class PreferencesForm(forms.Form):
    """Language and what the person wants to hear about (wizard step 3, profile)."""

    language = forms.ChoiceField(
        label=_("Language"), choices=_language_choices, widget=forms.RadioSelect
    )
    notify_new_content = _notification_field("notify_new_content")
    notify_digest = _notification_field("notify_digest")
    notify_reminders = _notification_field("notify_reminders")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(user, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)

    @property
    def notification_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in NOTIFICATION_FIELDS]


class ProfileForm(PreferencesForm):
    """The profile's "About you": the preferences plus the name colleagues see."""

    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        help_text=_("As your colleagues know you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "language", *NOTIFICATION_FIELDS]


class NetworksForm(forms.Form):
    """For every network: are you on it, your handle, and roughly how many people you reach."""

    audience_presets = AUDIENCE_PRESETS

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = {presence.network: presence for presence in user.networks.all()}
        for network in Network:
            presence = self.existing.get(network)
            self.fields[f"{network}_on"] = forms.BooleanField(
                label=_("I am on %(network)s") % {"network": network.label},
                required=False,
                initial=presence is not None,
                # multiplier.js folds the details of networks you are not on.
                widget=forms.CheckboxInput(attrs={"data-reveals": f"id_{network}_on_details"}),
            )
            self.fields[f"{network}_handle"] = forms.CharField(
                label=_("Handle or profile address"),
                help_text=_("For example: %(example)s") % {"example": EXAMPLES[network]},
                required=False,
                max_length=200,
                initial=presence.handle if presence else "",
                widget=forms.TextInput(
                    attrs={
                        "autocomplete": "off",
                        "autocapitalize": "none",
                        "spellcheck": "false",
                    }
                ),
            )
            self.fields[f"{network}_audience"] = forms.IntegerField(
                label=_("Followers or connections, roughly"),
                help_text=_("A guess is fine, for example 100, 500, 1,000 or 5,000."),
                required=False,
                min_value=0,
                max_value=MAX_AUDIENCE,
                initial=presence.audience_size if presence else None,
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "list": "audience-presets", "step": 1}
                ),
                error_messages={
                    "invalid": _("Enter a whole number, for example 500."),
                    "min_value": _("The number cannot be negative."),
                    "max_value": _(
                        "That is more than %(limit_value)s. Enter roughly how many people "
                        "follow you or are connected to you."
                    ),
                },
            )

    def groups(self) -> list[dict[str, Any]]:
        """The fields per network, for the template."""
        return [
            {
                "network": network,
                "on": self[f"{network}_on"],
                "handle": self[f"{network}_handle"],
                "audience": self[f"{network}_audience"],
            }
            for network in Network
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for network in Network:
            handle_field, audience_field = f"{network}_handle", f"{network}_audience"
            handle = cleaned.get(handle_field) or ""
            audience = cleaned.get(audience_field)
            if not cleaned.get(f"{network}_on"):
                # Unticking a network you had removes it; typing into a network you have not
                # ticked is probably a forgotten tick, so ask rather than drop the answer.
                if network not in self.existing and (handle or audience is not None):
                    self.add_error(
                        f"{network}_on",
                        _("Tick this to save what you entered for %(network)s, or clear it.")
                        % {"network": network.label},
                    )
                continue
            if handle_field in cleaned:
                try:
                    cleaned[handle_field] = clean_handle(network, handle)
                except forms.ValidationError as error:
                    self.add_error(handle_field, error)
            if audience is None and audience_field not in self.errors:
                self.add_error(
                    audience_field,
                    _("Roughly how many people follow you there? A guess is fine."),
                )
        return cleaned

    def answers(self) -> dict[str, NetworkAnswer]:
        """The networks ticked, with their cleaned answers (after is_valid())."""
        return {
            network: NetworkAnswer(
                handle=self.cleaned_data[f"{network}_handle"],
                audience_size=self.cleaned_data[f"{network}_audience"],
            )
            for network in Network
            if self.cleaned_data.get(f"{network}_on")
        }
