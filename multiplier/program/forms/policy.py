"""Forms of the policy pages: writing a version, and accepting the current one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Policy


class PolicyForm(forms.Form):
    """Title, text and (from the second version on) what changed. Checked for real by the
    service, which also sanitises the text; the form only shapes the page."""

    title = forms.CharField(label=_("Title"), max_length=120)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        help_text=_("Plain text works. For headings, lists and links, see “How to format” below."),
        strip=False,  # kept exactly as typed: line breaks and indents carry the layout
    )
    changes = forms.CharField(
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A few words for members who accepted the previous version: they read this when "
            "they are asked to accept the new one."
        ),
    )

    def __init__(self, *args: Any, asks_changes: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not asks_changes:  # the first version changes nothing
            del self.fields["changes"]


class PolicyAcceptForm(forms.Form):
    """One button. The version shown travels with it, so a member never accepts a version that
    was published after they loaded the page."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, policy: Policy, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": policy.version})
        super().__init__(*args, **kwargs)
        self.policy = policy

    def clean_version(self) -> int:
        version = self.cleaned_data["version"]
        if version != self.policy.version:
            raise forms.ValidationError(
                _("A newer version was published a moment ago. Please read it, then accept."),
                code="outdated",
            )
        return version
