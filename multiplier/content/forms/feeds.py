"""The content source form. The rules (a web address, once per organisation, own themes) live in
services/feeds.py, whose field errors the view puts on this form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Organization
from multiplier.program.models import Theme

from ..models import FeedSource


class FeedSourceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Give the source a name.")},
        help_text=_("For example: “Company blog” or “Newsroom”."),
    )
    url = forms.CharField(
        label=_("Feed address"),
        max_length=1000,
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "off"}),
        error_messages={"required": _("Enter the address of the RSS or Atom feed.")},
        help_text=_("The address of the RSS or Atom feed, often ending in /feed/ or /rss."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Drafts from this source get these themes (optional)."),
        error_messages={"invalid_choice": _("Pick themes of your own organisation.")},
    )
    is_active = forms.BooleanField(
        label=_("Check this source for new items every half hour"), required=False, initial=True
    )

    def __init__(
        self, data: Any = None, *, organization: Organization, source: FeedSource | None = None
    ) -> None:
        initial: dict[str, Any] = {"is_active": True}
        if source is not None:
            initial = {
                "name": source.name,
                "url": source.url,
                "themes": list(source.themes.values_list("pk", flat=True)),
                "is_active": source.is_active,
            }
        super().__init__(data, initial=initial)
        self.fields["themes"].queryset = Theme.objects.filter(
            organization=organization, archived_at__isnull=True
        )
