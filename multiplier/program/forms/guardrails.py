"""Forms of the guardrail terms page: a term, and the "try it" box."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import GuardrailCategory


class GuardrailTermForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    term = forms.CharField(
        label=_("Word or phrase"),
        max_length=80,
        error_messages={"required": _("Enter a word or phrase.")},
        help_text=_("Case and accents do not matter; a phrase also matches across line breaks."),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=GuardrailCategory.choices, initial=GuardrailCategory.OTHER
    )
    advice = forms.CharField(
        label=_("Advice shown with it"),
        max_length=200,
        required=False,
        help_text=_("What the ambassador reads next to the word, e.g. “Is this public yet?”"),
    )


class GuardrailTryForm(forms.Form):
    text = forms.CharField(
        label=_("Sample text"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Type or paste a text to check.")},
    )
    language = forms.ChoiceField(
        label=_("Check against"),
        required=False,
        choices=[("", _("Terms in every language")), *settings.LANGUAGES],
    )
