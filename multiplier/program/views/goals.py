"""Goals (step 1) for programme managers: the list with progress, a goal's page, creating,
changing and deleting. Progress and forecasts come from `goal_progress` only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import goal_for
from ..canvas import programme_runs
from ..forms.goals import METRIC_HELP, GoalForm
from ..goal_breakdown import goal_parts
from ..goal_chart import goal_chart
from ..goal_progress import GoalStatus, goal_progress
from ..metrics import METRICS, Kind
from ..models import Goal
from ..services.goals import (
    goal_create,
    goal_delete,
    goal_has_ended,
    goal_has_started,
    goal_update,
    local_today,
)


@org_view(perm=Perm.RUN_PROGRAMME)
def goal_list(request: OrgRequest) -> HttpResponse:
    today = local_today(request.organization)
    goals = Goal.objects.filter(organization=request.organization).select_related(
        "organization", "theme", "campaign"
    )
    progress = [goal_progress(goal, today=today) for goal in goals]
    by_status = {status: [p for p in progress if p.status == status] for status in GoalStatus}
    return render(
        request,
        "program/goals/list.html",
        {
            "running": sorted(by_status[GoalStatus.RUNNING], key=lambda p: p.goal.end),
            "upcoming": sorted(by_status[GoalStatus.UPCOMING], key=lambda p: p.goal.start),
            "ended": by_status[GoalStatus.ENDED],  # newest first (the model's order)
            "has_goals": bool(progress),
            "runs": programme_runs(request.organization, today),
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def goal_detail(request: OrgRequest, goal_id: int) -> HttpResponse:
    goal = goal_for(request.organization, goal_id)
    today = local_today(request.organization)
    progress = goal_progress(goal, today=today)
    return render(
        request,
        "program/goals/detail.html",
        {
            "goal": goal,
            "progress": progress,
            "explanation": METRIC_HELP[goal.metric],
            "is_count": METRICS[goal.metric].kind == Kind.COUNT,
            "chart": goal_chart(progress),
            "parts": goal_parts(progress, today),
            "can_delete": not goal_has_started(goal, today),
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def goal_create_view(request: OrgRequest) -> HttpResponse:
    organization, by = request.organization, request.membership
    today = local_today(organization)
    form = GoalForm(request.POST or None, organization=organization, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            goal = goal_create(organization=organization, by=by, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # the service's field errors land on their fields
        else:
            messages.success(request, _("Goal “%(name)s” saved.") % {"name": goal.name})
            return redirect("goal_list", organization.slug)
    return render(request, "program/goals/form.html", {"form": form, "goal": None})


@org_view(perm=Perm.RUN_PROGRAMME)
def goal_update_view(request: OrgRequest, goal_id: int) -> HttpResponse:
    organization = request.organization
    goal = goal_for(organization, goal_id)
    today = local_today(organization)
    form = GoalForm(request.POST or None, organization=organization, goal=goal, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            changes = goal_update(goal=goal, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Goal saved.") if changes else _("Nothing changed."))
            return redirect("goal_detail", organization.slug, goal.pk)
    return render(
        request,
        "program/goals/form.html",
        {"form": form, "goal": goal, "ended": goal_has_ended(goal, today)},
    )


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def goal_delete_view(request: OrgRequest, goal_id: int) -> HttpResponse:
    goal = goal_for(request.organization, goal_id)
    try:
        goal_delete(goal=goal, by=request.membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("goal_detail", request.organization.slug, goal.pk)
    messages.success(request, _("Goal “%(name)s” deleted.") % {"name": goal.name})
    return redirect("goal_list", request.organization.slug)
