"""Impact: the member's own ("my impact") and, for managers, per post by version and network.
Read from the click roll-ups only (sharing/impact.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from multiplier.content.access import post_for
from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..impact import CHART_DAYS, my_impact, post_impact, posts_overview


@org_view(perm=Perm.USE_PROGRAMME)
def my_impact_view(request: OrgRequest) -> HttpResponse:
    today = timezone.localtime(timezone.now(), request.organization.tz).date()
    return render(
        request,
        "sharing/my_impact.html",
        {"impact": my_impact(request.membership, today), "chart_days": CHART_DAYS},
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def post_impact_list(request: OrgRequest) -> HttpResponse:
    return render(request, "sharing/post_list.html", {"rows": posts_overview(request.organization)})


@org_view(perm=Perm.RUN_PROGRAMME)
def post_impact_view(request: OrgRequest, post_id: int) -> HttpResponse:
    post = post_for(request.organization, post_id)
    return render(request, "sharing/post_impact.html", {"impact": post_impact(post)})
