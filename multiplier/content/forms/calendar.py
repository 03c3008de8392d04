"""Forms of the calendar: moving a post (a day and a time) and the rhythm's settings. They read
the input; the rules live in services/calendar.py and services/rhythm.py, whose field errors the
views put on these forms."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Organization

from ..models import ContentSettings, Post
from ..services.calendar import DEFAULT_TIME
from ..services.rhythm import (
    CADENCE_MAX,
    CADENCE_MIN,
    THRESHOLD_MAX,
    THRESHOLD_MIN,
    WARN_MAX,
    WARN_MIN,
)


class PostMoveForm(forms.Form):
    day = forms.DateField(
        label=_("Goes live on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Pick the day the post goes live."),
            "invalid": _("Enter a date, like 2026-01-31."),
        },
    )
    time = forms.TimeField(
        label=_("At"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Pick the time the post goes live."),
            "invalid": _("Enter a time, like 09:00."),
        },
    )

    def __init__(self, data: Any = None, *, post: Post, auto_id: str = "id_%s") -> None:
        self.post = post
        tz = post.organization.tz
        initial: dict[str, Any] = {"time": DEFAULT_TIME}
        if post.starts_at:
            local = timezone.localtime(post.starts_at, tz)
            initial = {"day": local.date(), "time": local.time().replace(second=0, microsecond=0)}
        super().__init__(data, initial=initial, auto_id=auto_id)

    def starts_at(self) -> datetime:
        """The chosen moment, in the organisation's time zone."""
        day = self.cleaned_data["day"]
        at: time = self.cleaned_data["time"]
        return timezone.make_aware(datetime.combine(day, at), self.post.organization.tz)


class RhythmSettingsForm(forms.Form):
    cadence_days = forms.IntegerField(
        label=_("Cadence (days)"),
        min_value=CADENCE_MIN,
        max_value=CADENCE_MAX,
        # Filled in per request (see __init__): a lazy text with numbers put in at import time
        # would be fixed in the language of that moment.
        help_text="",
        error_messages={
            "required": _("Enter the number of days in a cycle."),
            "min_value": _("A cycle is at least %(limit_value)s days."),
            "max_value": _("A cycle is at most %(limit_value)s days."),
        },
    )
    min_posts_per_cycle = forms.IntegerField(
        label=_("Posts a cycle needs at least"),
        min_value=THRESHOLD_MIN,
        max_value=THRESHOLD_MAX,
        help_text=_("Below this number of live and scheduled posts, a cycle counts as too quiet."),
        error_messages={
            "required": _("Enter the number of posts a cycle needs."),
            "min_value": _("At least %(limit_value)s post."),
            "max_value": _("At most %(limit_value)s posts."),
        },
    )
    warn_days_before = forms.IntegerField(
        label=_("Warn this many days before a cycle starts"),
        min_value=WARN_MIN,
        max_value=WARN_MAX,
        help_text=_(
            "Managers and admins get an e-mail and a warning on their home page this long "
            "before a too-quiet cycle starts, once per cycle."
        ),
        error_messages={
            "required": _("Enter the number of days."),
            "min_value": _("At least %(limit_value)s day."),
            "max_value": _("At most %(limit_value)s days."),
        },
    )
    cycle_anchor = forms.DateField(
        label=_("A day a cycle starts on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Cycles start on this day and every cadence before and after it; a Monday is usual."
        ),
        error_messages={
            "required": _("Pick the day a cycle starts."),
            "invalid": _("Enter a date, like 2026-01-05."),
        },
    )

    def __init__(
        self, data: Any = None, *, organization: Organization, settings: ContentSettings
    ) -> None:
        super().__init__(
            data,
            initial={
                "cadence_days": organization.cadence_days,
                "min_posts_per_cycle": settings.min_posts_per_cycle,
                "warn_days_before": settings.warn_days_before,
                "cycle_anchor": settings.cycle_anchor,
            },
        )
        self.fields["cadence_days"].help_text = gettext(
            "The number of days between two sets of new posts, from %(min)s to %(max)s. Every "
            "two weeks (14) works well for most programmes."
        ) % {"min": CADENCE_MIN, "max": CADENCE_MAX}
