"""Forms for the ways to contribute and for a member's set level. They parse; services validate
and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Organization

from ..models import Level
from ..services.levels import CRITERIA, MAX_CRITERION

CRITERIA_HELP = _(
    "The product suggests this way to contribute to a member who meets every criterion above 0 "
    "(in the last 90 days; confirmed expertise counts whenever it was confirmed). Leave all at 0 "
    "and it is never suggested: a manager can still set it. When someone meets several, the "
    "last one in the list is suggested."
)


def _criterion(name: str) -> forms.IntegerField:
    # The label comes from the model, so the list, the form and the admin say the same.
    return forms.IntegerField(
        label=capfirst(Level._meta.get_field(name).verbose_name),
        min_value=0,
        max_value=MAX_CRITERION,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter a number (0 means this does not count)."),
            "invalid": _("Enter a whole number, for example 3."),
            "min_value": _("The number cannot be negative: use 0 for “does not count”."),
            "max_value": _("Enter a number from 0 to %(limit_value)s."),
        },
    )


class LevelForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=Level._meta.get_field("name").max_length,
        help_text=_("A way of taking part, for example “Sharer” or “Storyteller”: never a rank."),
        error_messages={"required": _("Give this way to contribute a name.")},
    )
    description = forms.CharField(
        label=_("What it means"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Members read this on their profile: say what this way of contributing brings."
        ),
    )
    behaviour = forms.CharField(
        label=_("The behaviour that suggests it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In words, for example “Has shared at least three posts in their own words.”"),
    )
    min_shares = _criterion("min_shares")
    min_personalised_shares = _criterion("min_personalised_shares")
    min_own_posts = _criterion("min_own_posts")
    min_expert_themes = _criterion("min_expert_themes")

    criteria_help = CRITERIA_HELP

    @classmethod
    def for_level(cls, level: Level, data: Any = None) -> LevelForm:
        fields = ["name", "description", "behaviour", *CRITERIA]
        return cls(data, initial={name: getattr(level, name) for name in fields})

    @property
    def text_fields(self) -> list[forms.BoundField]:
        return [self["name"], self["description"], self["behaviour"]]

    @property
    def criteria_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CRITERIA]


class MemberLevelForm(forms.Form):
    """The level a manager sets for one member (empty: none set)."""

    level = forms.ModelChoiceField(
        label=_("Way to contribute"),
        queryset=Level.objects.none(),
        required=False,
        empty_label=_("None set"),
        error_messages={"invalid_choice": _("Choose one of the ways to contribute in the list.")},
    )

    def __init__(self, data: Any = None, *, organization: Organization, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["level"].queryset = Level.objects.filter(organization=organization)
