"""The form of an organisation's tracking settings."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TrackingSettings
from .services.settings import FIELDS

UTM_VALUE = re.compile(r"[A-Za-z0-9_.\-]+")


class TrackingSettingsForm(forms.ModelForm):
    """Validates; saving goes through `services.settings.tracking_settings_update`."""

    class Meta:
        model = TrackingSettings
        fields = FIELDS  # the fields the service saves
        # Django capitalises a label's first letter; "Utm_medium value" reads badly.
        labels = {"medium": _("Value of utm_medium")}
        help_texts = {
            "add_source": _("For example linkedin or mastodon: which network the click came from."),
            "medium": _(
                "The same for every link, so analytics can tell these visits apart. Letters, "
                "digits, dots, hyphens and underscores only."
            ),
            "add_campaign": _(
                "The post's campaign, or the post's short name when it belongs to none."
            ),
            "add_content": _("v1, v2, ...: which wording of the post was shared."),
        }

    def clean_medium(self) -> str:
        medium = self.cleaned_data.get("medium", "").strip()
        if medium and not UTM_VALUE.fullmatch(medium):
            raise forms.ValidationError(
                _("Use only letters, digits, dots, hyphens and underscores (no spaces).")
            )
        return medium

    def clean(self) -> dict:
        cleaned = super().clean()
        # Only when the value itself was valid (a wrong value has its own message already).
        if cleaned.get("add_medium") and "medium" in cleaned and not cleaned["medium"]:
            self.add_error("medium", _("Enter the value, or switch utm_medium off to add none."))
        return cleaned
