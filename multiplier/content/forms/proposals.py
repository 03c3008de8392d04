"""The "Propose a post" form. The rules (what a post and a blog need, the image) live in
services/submissions.py, whose field errors the view puts on this form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..images import ACCEPT
from ..models import PostKind


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you propose?"),
        choices=[
            (PostKind.POST, _("A post for colleagues to share")),
            (PostKind.BLOG, _("A blog I wrote")),
        ],
        initial=PostKind.POST,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        required=False,
        help_text=_("Needed for a blog; for a post, the first words of the text do."),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What colleagues would post. For a blog: a sentence about it."),
    )
    link = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
        help_text=_("A page the post points to, or the address of your blog."),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Optional: a JPEG, PNG, GIF or WebP image of at least 100 by 100 pixels."),
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        required=False,
        max_length=500,
        help_text=_("What the image shows, for people who cannot see it."),
    )
