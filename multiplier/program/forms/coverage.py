"""The coverage thresholds (managers, on the coverage page)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.coverage import MAX_THRESHOLD

_NUMBER_ERRORS = {
    "required": _("Enter a number (0 means no minimum)."),
    "invalid": _("Enter a whole number, for example 3."),
    "min_value": _("The number cannot be negative."),
    "max_value": _("Enter a number from 0 to %(limit_value)s."),
}


class ThresholdsForm(forms.Form):
    min_ambassadors = forms.IntegerField(
        label=_("Ambassadors a theme needs at least"),
        min_value=0,
        max_value=MAX_THRESHOLD,
        error_messages=_NUMBER_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    min_experts = forms.IntegerField(
        label=_("Confirmed experts a theme needs at least"),
        min_value=0,
        max_value=MAX_THRESHOLD,
        error_messages=_NUMBER_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
