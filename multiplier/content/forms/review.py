"""The review forms: approve (with edits) and decline (with a reason). The rules live in
services/review.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ApproveForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160, required=False)
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    link = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your colleague reads this. Be kind and say what would work."),
    )
