"""Campaigns for programme managers: the list, creating, changing and deleting unused ones."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import campaign_for
from ..campaign_sections import sections_for
from ..forms.campaigns import CampaignForm
from ..models import Campaign, Theme
from ..services.campaigns import (
    campaign_create,
    campaign_delete,
    campaign_update,
    campaign_uses,
)
from ..services.goals import local_today


@org_view(perm=Perm.RUN_PROGRAMME)
def campaign_list(request: OrgRequest) -> HttpResponse:
    campaigns = (
        Campaign.objects.filter(organization=request.organization)
        .annotate(goal_count=Count("goals"))
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
    )
    return render(
        request,
        "program/campaigns/list.html",
        {"campaigns": campaigns, "today": local_today(request.organization)},
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def campaign_create_view(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    form = CampaignForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(
                organization=organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign “%(name)s” saved.") % {"name": campaign.name})
            return redirect("campaign_list", organization.slug)
    return render(request, "program/campaigns/form.html", {"form": form, "campaign": None})


@org_view(perm=Perm.RUN_PROGRAMME)
def campaign_update_view(request: OrgRequest, campaign_id: int) -> HttpResponse:
    organization = request.organization
    campaign = campaign_for(organization, campaign_id)
    form = CampaignForm(request.POST or None, organization=organization, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            changes = campaign_update(campaign=campaign, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign saved.") if changes else _("Nothing changed."))
            return redirect("campaign_list", organization.slug)
    return render(
        request,
        "program/campaigns/form.html",
        {
            "form": form,
            "campaign": campaign,
            "uses": campaign_uses(campaign),
            "sections": sections_for(campaign, request),
        },
    )


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def campaign_delete_view(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = campaign_for(request.organization, campaign_id)
    try:
        campaign_delete(campaign=campaign, by=request.membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("campaign_update", request.organization.slug, campaign.pk)
    messages.success(request, _("Campaign “%(name)s” deleted.") % {"name": campaign.name})
    return redirect("campaign_list", request.organization.slug)
