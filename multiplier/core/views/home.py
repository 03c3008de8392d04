"""Where people land: the site root, an organisation's home, and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ..decorators import OrgRequest, org_view
from ..home import render_home_sections
from ..models import Membership
from ..selectors import org_home_context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the person to the organisation they used last, or their only one."""
    memberships = Membership.objects.of_user(request.user)
    last = request.session.get("current_org")
    for membership in memberships:
        if membership.organization.slug == last:
            return redirect("org_home", org_slug=last)
    first = memberships.first()
    if first is not None:
        return redirect("org_home", org_slug=first.organization.slug)
    return render(request, "core/no_organization.html")


@org_view(perm=None)
def org_home(request: OrgRequest) -> HttpResponse:
    membership = request.membership
    if membership.is_opted_out:
        return render(request, "core/opted_out_home.html")
    template = "core/home_manager.html" if membership.is_staff_role else "core/home_ambassador.html"
    context = org_home_context(membership)
    context["home_sections"] = render_home_sections(request, membership)
    return render(request, template, context)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
