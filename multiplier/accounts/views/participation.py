"""Opting out and in again: one click each, from the profile (and the opted-out home)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view

from ..services.membership import membership_opt_in, membership_opt_out


@org_view(perm=None, skip_gates=True)
@require_POST
def opt_out(request: OrgRequest) -> HttpResponse:
    # The organisation's home shows opted-out members what this means and how to come back.
    membership_opt_out(membership=request.membership, by=request.user)
    return redirect("org_home", org_slug=request.organization.slug)


@org_view(perm=None, skip_gates=True)
@require_POST
def opt_in(request: OrgRequest) -> HttpResponse:
    if membership_opt_in(membership=request.membership, by=request.user):
        messages.success(request, _("Welcome back! You are taking part again."))
    # The onboarding gate takes over from here if onboarding was never finished.
    return redirect("org_home", org_slug=request.organization.slug)
