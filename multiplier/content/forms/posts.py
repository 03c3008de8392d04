"""The post form. It reads the input; the rules (window order, own themes and campaign, an
audience that names someone) live in services/posts.py, whose field errors the view puts here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Organization
from multiplier.program.models import Campaign, Theme

from ..models import Audience, Post

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_ERRORS = {"invalid": _("Enter a date and time, like 2026-03-01 09:00.")}


class PostForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        help_text=_("For the programme team only; ambassadors see the variants."),
        error_messages={"required": _("Give the post a title (only the programme team sees it).")},
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("The page the post points to (optional). Its card is fetched for previews."),
        error_messages={"invalid": _("Enter a web address, like https://example.com/news.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Pick themes of your own organisation.")},
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("No campaign"),
        error_messages={"invalid_choice": _("Pick a campaign of your own organisation.")},
    )
    audience = forms.ChoiceField(
        label=_("Who sees it"),
        choices=Audience.choices,
        initial=Audience.EVERYONE,
        widget=forms.RadioSelect,
    )
    audience_teams = forms.CharField(
        label=_("Teams"),
        required=False,
        help_text=_("Only when the audience is some teams: team names, separated by commas."),
    )
    audience_themes = forms.ModelMultipleChoiceField(
        label=_("People on these themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the audience is people on some themes."),
        error_messages={"invalid_choice": _("Pick themes of your own organisation.")},
    )
    starts_at = forms.DateTimeField(
        label=_("Live from"),
        required=False,
        widget=DATETIME,
        error_messages=DATETIME_ERRORS,
        help_text=_("Needed to schedule the post."),
    )
    ends_at = forms.DateTimeField(
        label=_("Live until"),
        required=False,
        widget=DATETIME,
        error_messages=DATETIME_ERRORS,
        help_text=_("After this the post leaves the feed (its links keep working)."),
    )

    def __init__(
        self, data: Any = None, *, organization: Organization, post: Post | None = None
    ) -> None:
        initial: dict[str, Any] = {}
        kept: list[int] = []
        if post is not None:
            kept = [*post.themes.values_list("pk", flat=True)]
            kept += post.audience_themes.values_list("pk", flat=True)
            initial = {
                "title": post.title,
                "link": post.link,
                "themes": list(post.themes.values_list("pk", flat=True)),
                "campaign": post.campaign_id,
                "audience": post.audience,
                "audience_teams": ", ".join(post.audience_teams),
                "audience_themes": list(post.audience_themes.values_list("pk", flat=True)),
                "starts_at": post.starts_at,
                "ends_at": post.ends_at,
            }
        super().__init__(data, initial=initial)
        themes = Theme.objects.filter(organization=organization).filter(
            Q(archived_at__isnull=True) | Q(pk__in=kept)
        )
        self.fields["themes"].queryset = themes
        if not themes.exists():
            self.fields["themes"].help_text = _(
                "Your organisation has no themes yet; you can add them to the post later."
            )
        self.fields["audience_themes"].queryset = themes
        self.fields["campaign"].queryset = Campaign.objects.filter(organization=organization)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The window must end after it starts."))
        teams = data.get("audience_teams") or ""
        data["audience_teams"] = [t.strip() for t in teams.split(",") if t.strip()]
        return data
