"""Goals (step 1): creating, changing, deleting, and keeping the final result when a period ends.

A goal is a metric, a target and a period, optionally narrowed to a theme or a campaign. Once a
period is over, what the goal measured is history: only its name, its "why" and its target can
still change, and `goals_finalise` stores the result for good.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization

from ..goal_progress import goal_progress
from ..metrics import METRICS
from ..models import Campaign, Goal, Theme
from .actors import require_programme_runner

EDITABLE_FIELDS = ("name", "why", "metric", "target", "start", "end", "theme", "campaign")
# What a goal whose period is over may still change: the rest is what it measured.
EDITABLE_WHEN_ENDED = frozenset({"name", "why", "target"})


def local_today(organization: Organization) -> date:
    return timezone.localdate(timezone=organization.tz)


def goal_has_started(goal: Goal, today: date | None = None) -> bool:
    return (today or local_today(goal.organization)) >= goal.start


def goal_has_ended(goal: Goal, today: date | None = None) -> bool:
    return (today or local_today(goal.organization)) > goal.end


def _validate(goal: Goal, *, previous_theme_id: int | None = None) -> None:
    """Every rule with a message a person can act on, per field; then the model's own checks."""
    errors: dict[str, str] = {}
    if not (goal.name or "").strip():
        errors["name"] = _("Give the goal a name.")
    if goal.metric not in METRICS:
        errors["metric"] = _("Pick what the goal measures.")
    if goal.target is None:
        errors["target"] = _("Enter the number the goal should reach.")
    elif goal.target <= 0:
        errors["target"] = _("The target must be more than zero.")
    elif goal.metric in METRICS and METRICS[goal.metric].unit == "%" and goal.target > 100:
        errors["target"] = _("This metric is a percentage: the target can be at most 100.")
    if goal.start and goal.end and goal.end < goal.start:
        errors["end"] = _("The end cannot be before the start.")
    if goal.theme_id is not None:
        theme = Theme.objects.filter(pk=goal.theme_id, organization=goal.organization).first()
        if theme is None:
            errors["theme"] = _("Pick one of your organisation's themes.")
        elif theme.is_archived and goal.theme_id != previous_theme_id:
            errors["theme"] = _("This theme is archived; pick an active one.")
    if (
        goal.campaign_id is not None
        and not Campaign.objects.filter(
            pk=goal.campaign_id, organization=goal.organization
        ).exists()
    ):
        errors["campaign"] = _("Pick one of your organisation's campaigns.")
    if errors:
        raise ValidationError(errors)
    goal.full_clean(exclude=["organization"])


def _clean_text(fields: dict[str, Any]) -> None:
    for name in ("name", "why"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()


def goal_create(
    *,
    organization: Organization,
    by: Membership | None,
    name: str,
    metric: str,
    target: Decimal | int,
    start: date,
    end: date,
    why: str = "",
    theme: Theme | None = None,
    campaign: Campaign | None = None,
) -> Goal:
    require_programme_runner(by, organization)
    goal = Goal(
        organization=organization,
        name=(name or "").strip(),
        why=(why or "").strip(),
        metric=metric,
        target=Decimal(target) if target is not None else None,
        start=start,
        end=end,
        theme=theme,
        campaign=campaign,
    )
    _validate(goal)
    with transaction.atomic():
        goal.save()
        audit(
            "goal.created",
            actor=by.user if by else None,
            organization=organization,
            target=goal,
            metric=goal.metric,
            target_value=str(goal.target),
            start=goal.start.isoformat(),
            end=goal.end.isoformat(),
        )
    return goal


def _for_log(value: Any) -> Any:
    """JSON-friendly and readable in the audit log."""
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, Theme | Campaign):
        return value.name
    return value


def goal_update(*, goal: Goal, by: Membership | None, **fields: Any) -> dict[str, dict[str, Any]]:
    """Change the given fields (any of EDITABLE_FIELDS). Returns {field: {"from", "to"}} of what
    changed, as the audit entry records it (empty when nothing changed)."""
    require_programme_runner(by, goal.organization)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    _clean_text(fields)
    if fields.get("target") is not None:
        fields["target"] = Decimal(fields["target"])

    with transaction.atomic():
        current = Goal.objects.select_for_update().get(pk=goal.pk)
        changes = {
            name: {"from": getattr(current, name), "to": value}
            for name, value in fields.items()
            if getattr(current, name) != value
        }
        if not changes:
            return {}
        locked = set(changes) - EDITABLE_WHEN_ENDED
        if locked and goal_has_ended(current):
            raise ValidationError(
                {
                    name: _(
                        "The period of this goal is over: what it measured can no longer "
                        "change. Create a new goal instead."
                    )
                    for name in locked
                }
            )
        previous_theme_id = current.theme_id
        for name, change in changes.items():
            setattr(current, name, change["to"])
        _validate(current, previous_theme_id=previous_theme_id)
        current.save(update_fields=list(changes))
        logged = {
            # audit() has a `target` of its own (what the action was done to).
            ("target_value" if name == "target" else name): {
                "from": _for_log(c["from"]),
                "to": _for_log(c["to"]),
            }
            for name, c in changes.items()
        }
        audit(
            "goal.updated",
            actor=by.user if by else None,
            organization=current.organization,
            target=current,
            **logged,
        )
    for name, change in changes.items():
        setattr(goal, name, change["to"])
    return logged


def goal_delete(*, goal: Goal, by: Membership | None, today: date | None = None) -> None:
    """Only a goal that has not started can go: once it runs, its progress is on record."""
    require_programme_runner(by, goal.organization)
    if goal_has_started(goal, today):
        raise ValidationError(
            _(
                "This goal has started, so it stays on record with its progress. To stop it "
                "early, set its end date to today."
            )
        )
    with transaction.atomic():
        audit(
            "goal.deleted",
            actor=by.user if by else None,
            organization=goal.organization,
            target=goal,
            metric=goal.metric,
        )
        goal.delete()


def goals_finalise(*, today: date | None = None) -> int:
    """Store the final result of every goal whose period has ended (in its organisation's local
    date, unless `today` is given) and that has none yet. Idempotent: a goal is finalised once,
    even when two runs overlap. Returns how many goals were finalised now."""
    # Without `today`, the latest local date on Earth bounds the candidates; each goal is then
    # checked against its own organisation's date.
    latest = today or timezone.localdate(timezone=timezone.get_fixed_timezone(14 * 60))
    candidates = Goal.objects.filter(final_value__isnull=True, end__lt=latest).select_related(
        "organization"
    )
    finalised = 0
    for goal in candidates.iterator():
        if not goal_has_ended(goal, today):
            continue
        value = goal_progress(goal, today=today or local_today(goal.organization)).value
        finalised += Goal.objects.filter(pk=goal.pk, final_value__isnull=True).update(
            final_value=value, finalised_at=timezone.now()
        )
    return finalised
