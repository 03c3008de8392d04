"""The member's own themes (onboarding and profile) and a manager putting someone on a theme."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Membership

from ..models import MemberTheme, Theme, ThemeRelation
from ..selectors.themes import assignable_members, ordered_active_themes
from ..services.member_themes import NOT_FOR_ME

ANSWERS = [
    (NOT_FOR_ME, _("Not for me")),
    (ThemeRelation.INTEREST, _("Interested")),
    (ThemeRelation.EXPERTISE, _("I have expertise")),
]


class ThemeChoicesForm(forms.Form):
    """One question per active theme: not for me / interested / I have expertise."""

    def __init__(self, data: Any = None, *, membership: Membership, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.themes = ordered_active_themes(membership.organization)
        bonds = {
            bond.theme_id: bond
            for bond in MemberTheme.objects.filter(membership=membership, theme__in=self.themes)
        }
        self.rows: list[dict[str, Any]] = []
        for theme in self.themes:
            bond = bonds.get(theme.pk)
            name = f"theme_{theme.pk}"
            self.fields[name] = forms.ChoiceField(
                label=theme.name,
                choices=ANSWERS,
                initial=bond.relation if bond else NOT_FOR_ME,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the three answers.")},
            )
            self.rows.append({"theme": theme, "bond": bond, "field": self[name]})

    def choices(self) -> dict[int, str]:
        """{theme id: answer}, for services.member_themes.member_theme_set (after is_valid())."""
        return {theme.pk: self.cleaned_data[f"theme_{theme.pk}"] for theme in self.themes}


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        name = obj.user.display_name
        return f"{name} ({obj.team})" if obj.team else name


class AssignForm(forms.Form):
    """A manager puts a participating member on a theme (or changes how they are on it)."""

    membership = MemberChoiceField(
        label=_("Person"),
        queryset=Membership.objects.none(),
        empty_label=_("Choose someone"),
        help_text=_("Everyone taking part. Someone already on the theme is updated."),
        error_messages={
            "required": _("Choose who to add."),
            "invalid_choice": _(
                "Choose someone from the list: only people taking part can be added."
            ),
        },
    )
    relation = forms.ChoiceField(
        label=_("How"),
        choices=ThemeRelation.choices,
        initial=ThemeRelation.INTEREST,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("Confirm the expertise right away"),
        required=False,
        help_text=_("A confirmed expert is someone the organisation recognises on this theme."),
    )

    def __init__(self, data: Any = None, *, theme: Theme, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["membership"].queryset = assignable_members(theme.organization)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("confirm") and cleaned.get("relation") != ThemeRelation.EXPERTISE:
            self.add_error(
                "confirm", _("Only expertise can be confirmed: choose “Expertise” as well.")
            )
        return cleaned
