"""The share form: one screen with the variant, the text, the network and (for Mastodon) the
member's server."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from multiplier.content.models import Variant

from .models import ShareNetwork


class VariantChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Variant) -> str:
        return obj.text


class ShareForm(forms.Form):
    variant = VariantChoice(
        label=_("Pick a version"),
        queryset=Variant.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of this post's versions.")},
    )
    text = forms.CharField(
        label=_("Make it your own"),
        widget=forms.Textarea(attrs={"rows": 7}),
        strip=False,
        help_text=_(
            "Change a sentence or add your own experience: posts in your own words do best."
        ),
        error_messages={"required": _("Write something to go with the link.")},
    )
    network = forms.ChoiceField(
        label=_("Where to share"),
        choices=ShareNetwork.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a network.")},
    )
    mastodon_instance = forms.CharField(
        label=_("Your Mastodon server"),
        required=False,
        max_length=253,
        help_text=_("For example mastodon.social. We remember it for next time."),
    )
    # The variant whose text the text box started from: switching versions replaces an
    # unchanged text, never one the member edited.
    base_variant = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, post, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["variant"].queryset = post.variants.all()
        # A post with versions is shared from one of them (what personalisation is measured
        # against and what the impact pages count per version).
        self.fields["variant"].required = post.variants.exists()
        self.fields["variant"].error_messages["required"] = _("Pick a version to start from.")
        self.post = post
