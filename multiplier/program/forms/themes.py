"""The form for a theme. It only parses what was typed; services/themes.py validates and saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import HEX_COLOUR, Theme
from ..services.themes import DEFAULT_COLOUR, normalise_keywords


class ColourInput(forms.TextInput):
    input_type = "color"


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=Theme._meta.get_field("name").max_length,
        help_text=_("Short and recognisable, for example “Energy transition”."),
        error_messages={"required": _("Give the theme a name.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the theme is about and why it matters to the organisation."),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        help_text=_(
            "Separated by commas, for example: solar, heat pumps, grid. Posts are matched to "
            "themes with these words."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    colour = forms.CharField(
        label=_("Colour"),
        initial=DEFAULT_COLOUR,
        max_length=7,
        validators=[HEX_COLOUR],
        widget=ColourInput(),
        help_text=_("Helps to recognise the theme in overviews."),
        error_messages={"required": _("Choose a colour, or type one like #1f5f8b.")},
    )

    @classmethod
    def for_theme(cls, theme: Theme, data: Any = None) -> ThemeForm:
        return cls(
            data,
            initial={
                "name": theme.name,
                "description": theme.description,
                "keywords": ", ".join(theme.keywords),
                "colour": theme.colour,
            },
        )

    def clean_keywords(self) -> list[str]:
        return normalise_keywords(self.cleaned_data["keywords"])

    def clean_colour(self) -> str:
        return self.cleaned_data["colour"].lower()
