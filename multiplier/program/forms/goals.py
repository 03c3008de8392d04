"""The goal form. It reads the input; the rules (end after start, a positive target, at most
100 for a percentage, the organisation's own theme and campaign) live in services/goals.py,
whose field errors the view puts on this form."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Organization

from ..models import Campaign, Goal, Metric, Theme
from ..services.goals import EDITABLE_WHEN_ENDED, goal_has_ended

# One line per metric, shown where the metric is chosen and on the goal's page.
METRIC_HELP: dict[str, Any] = {
    Metric.SHARES: _(
        "How often people shared a ready-made or own post. Counted from the moment sharing starts."
    ),
    Metric.CLICKS: _(
        "Clicks on the links in shared posts, by people: link previews and bots are left out. "
        "Counted from the moment sharing starts."
    ),
    Metric.POTENTIAL_REACH: _(
        "The followers and connections of everyone taking part, as they stand now. Colleagues' "
        "networks overlap, so the real reach is lower."
    ),
    Metric.ACTIVE_AMBASSADORS: _(
        "Of everyone invited, the percentage who shared at least once in the period."
    ),
    Metric.PERSONALISED_SHARE_RATE: _(
        "Of all shares in the period, the percentage in which people added their own words."
    ),
    Metric.OWN_POSTS: _("Posts that employees wrote themselves and published in the period."),
    Metric.AMBASSADORS_PER_THEME: _(
        "People taking part who chose the theme. Without a theme, the theme with the fewest "
        "people counts, so the goal is met when every theme has enough."
    ),
}


class MetricSelect(forms.RadioSelect):
    """Radio buttons, each with its one-line explanation (linked with aria-describedby)."""

    option_template_name = "program/goals/_metric_option.html"

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["help"] = METRIC_HELP.get(option["value"], "")
        if option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_explained"
        return option


def last_day_of_quarter(day: date) -> date:
    """The default end of a new goal: goals are often set per quarter."""
    month = (day.month - 1) // 3 * 3 + 3
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def _plain(number: Decimal) -> Decimal:
    """100.00 -> 100 and 12.50 -> 12.5 (not 1E+2, which is what normalize() alone gives)."""
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


class GoalForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Give the goal a name.")},
        help_text=_("For example: “More people see our work on the energy transition”."),
    )
    why = forms.CharField(
        label=_("Why this matters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two you can use when you explain the goal to colleagues."),
    )
    metric = forms.ChoiceField(
        label=_("What the goal measures"),
        choices=Metric.choices,
        widget=MetricSelect,
        error_messages={"required": _("Pick what the goal measures.")},
    )
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("The number to reach by the end of the period. For a percentage, at most 100."),
        error_messages={
            "required": _("Enter the number the goal should reach."),
            "invalid": _("Enter a number, like 250 or 12.5."),
        },
    )
    start = forms.DateField(
        label=_("Start"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the first day of the period."),
            "invalid": _("Enter a date, like 2026-01-31."),
        },
    )
    end = forms.DateField(
        label=_("End"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day that counts."),
        error_messages={
            "required": _("Enter the last day of the period."),
            "invalid": _("Enter a date, like 2026-03-31."),
        },
    )
    theme = forms.ModelChoiceField(
        label=_("Only for this theme"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Every theme"),
        help_text=_("Optional: count only what concerns this theme."),
        error_messages={"invalid_choice": _("Pick one of your organisation's themes.")},
    )
    campaign = forms.ModelChoiceField(
        label=_("Only for this campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("No campaign"),
        help_text=_("Optional: count only the posts of this campaign."),
        error_messages={"invalid_choice": _("Pick one of your organisation's campaigns.")},
    )

    def __init__(
        self,
        data: Any = None,
        *,
        organization: Organization,
        goal: Goal | None = None,
        today: date,
    ) -> None:
        if goal is not None:
            initial = {
                "name": goal.name,
                "why": goal.why,
                "metric": goal.metric,
                "target": _plain(goal.target),
                "start": goal.start,
                "end": goal.end,
                "theme": goal.theme_id,
                "campaign": goal.campaign_id,
            }
        else:
            initial = {"start": today, "end": last_day_of_quarter(today)}
        super().__init__(data, initial=initial)
        # Active themes, and the goal's own theme even if it was archived since.
        keep = Q(pk=goal.theme_id) if goal is not None and goal.theme_id else Q(pk__in=[])
        self.fields["theme"].queryset = Theme.objects.filter(organization=organization).filter(
            Q(archived_at__isnull=True) | keep
        )
        self.fields["campaign"].queryset = Campaign.objects.filter(organization=organization)
        self.ended = goal is not None and goal_has_ended(goal, today)
        if self.ended:
            # What the goal measured is history; only its name, why and target can change.
            for name, field in self.fields.items():
                if name not in EDITABLE_WHEN_ENDED:
                    field.disabled = True
