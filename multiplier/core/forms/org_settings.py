"""The organisation settings form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Organization


class OrganizationSettingsForm(forms.ModelForm):
    """Validates the input; saving goes through `services.organization.organization_update`."""

    class Meta:
        model = Organization
        fields = ["name", "time_zone", "language", "cadence_days", "require_mfa_for_staff"]
        help_texts = {
            "name": _("Shown to everyone in the organisation and in the e-mails they receive."),
            "time_zone": _("Dates and times on every page and in every e-mail use this zone."),
            "language": _(
                "The language of invitations and e-mails for people who have not picked one."
            ),
            "cadence_days": _(
                "The number of days between two sets of new ready-made posts. Ambassadors hear "
                "when a new set opens, so they know when to expect content. Between 1 and 90; "
                "every two weeks (14) works well for most programmes."
            ),
            "require_mfa_for_staff": _(
                "Admins and programme managers must then protect their account with an "
                "authenticator app before they can open this organisation. Ambassadors are "
                "never asked."
            ),
        }
        error_messages = {
            "name": {"required": _("Give the organisation a name.")},
            "cadence_days": {
                "min_value": _("The cadence is at least 1 day."),
                "max_value": _("The cadence is at most 90 days."),
                "required": _("Enter the number of days between new content, from 1 to 90."),
            },
            "time_zone": {"invalid_choice": _("Unknown time zone. Pick one from the list.")},
        }
