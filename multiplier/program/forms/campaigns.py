"""The campaign form. It reads the input; the rules (a unique name, end after start, the
organisation's own active themes) live in services/campaigns.py, whose field errors the view
puts on this form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Organization

from ..models import Campaign, Theme


class CampaignForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Give the campaign a name.")},
        help_text=_("For example: “Open days 2026” or “Energy week”."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the campaign is about and what it should bring."),
    )
    start = forms.DateField(
        label=_("Start"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the first day of the campaign."),
            "invalid": _("Enter a date, like 2026-01-31."),
        },
    )
    end = forms.DateField(
        label=_("End"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day of the campaign."),
        error_messages={
            "required": _("Enter the last day of the campaign."),
            "invalid": _("Enter a date, like 2026-03-31."),
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The themes the campaign's posts are about (optional)."),
        error_messages={"invalid_choice": _("Pick themes of your own organisation.")},
    )

    def __init__(
        self, data: Any = None, *, organization: Organization, campaign: Campaign | None = None
    ) -> None:
        initial: dict[str, Any] = {}
        kept: list[int] = []
        if campaign is not None:
            kept = list(campaign.themes.values_list("pk", flat=True))
            initial = {
                "name": campaign.name,
                "description": campaign.description,
                "start": campaign.start,
                "end": campaign.end,
                "themes": kept,
            }
        super().__init__(data, initial=initial)
        # Active themes, and the campaign's own themes even if archived since.
        self.fields["themes"].queryset = Theme.objects.filter(organization=organization).filter(
            Q(archived_at__isnull=True) | Q(pk__in=kept)
        )
