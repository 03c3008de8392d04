"""The variant form: text, hashtags, networks, an optional image with its alt text. The checks
on length, image and alt text live in services/variants.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from multiplier.accounts.models import Network

from ..images import ACCEPT
from ..limits import LIMITS
from ..models import Variant
from ..services.variants import parse_hashtags

NETWORK_CHOICES = [(value, label) for value, label in Network.choices if value in LIMITS]


class VariantForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-counted": ""}),
        help_text=_("Plain text. The hashtags and the post's link are added when it is shared."),
        error_messages={"required": _("Write the text of this variant.")},
    )
    hashtags = forms.CharField(
        label=_("Hashtags"),
        required=False,
        help_text=_("Separated by spaces or commas, with or without #."),
        widget=forms.TextInput(attrs={"data-hashtags": ""}),
    )
    networks = forms.MultipleChoiceField(
        label=_("Only for these networks"),
        choices=NETWORK_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every network."),
        error_messages={"invalid_choice": _("Pick networks from the list.")},
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Optional. JPEG, PNG, GIF or WebP, at most 8 MB."),
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        required=False,
        max_length=500,
        help_text=_("Required with an image: what it shows, for people who cannot see it."),
    )

    def __init__(
        self, data: Any = None, files: Any = None, *, variant: Variant | None = None, **kw: Any
    ) -> None:
        initial: dict[str, Any] = {}
        if variant is not None:
            initial = {
                "text": variant.text,
                "hashtags": " ".join(f"#{tag}" for tag in variant.hashtags),
                "networks": variant.networks,
                "image_alt": variant.image_alt,
            }
        super().__init__(data, files, initial=initial, **kw)
        self.fields["image"].widget = forms.FileInput(attrs=self.fields["image"].widget.attrs)
        if variant is not None and variant.image:
            self.fields["remove_image"] = forms.BooleanField(
                label=_("Remove the image"), required=False
            )

    def clean_hashtags(self) -> list[str]:
        return parse_hashtags(self.cleaned_data.get("hashtags") or "")


class LinkCardForm(forms.Form):
    title = forms.CharField(
        label=_("Card title"),
        max_length=300,
        error_messages={"required": _("Give the card a title.")},
    )
    description = forms.CharField(
        label=_("Card description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    image_url = forms.URLField(
        label=_("Card image address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, like https://example.com/image.jpg.")},
    )
