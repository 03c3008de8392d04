"""Two-factor set-up demanded by an organisation, and the way back to where the person was.

The gate in the middleware sends admins and managers without an authenticator app here, with
the page they wanted in `next`. allauth's own pages do the set-up; it then shows the new
recovery codes, whose page (our template) offers "Continue" to `mfa_setup_continue`, which
returns the person to that page.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ..decorators import OrgRequest, org_view
from ..next_url import safe_next

SESSION_KEY = "mfa_setup_next"


@org_view(perm=None, skip_gates=True)
def mfa_required(request: OrgRequest) -> HttpResponse:
    """Explains why two-factor set-up is needed before this organisation can be used."""
    next_url = safe_next(request, request.GET.get("next", "")) or reverse(
        "org_home", args=[request.organization.slug]
    )
    membership = request.membership
    required = membership.organization.require_mfa_for_staff and membership.is_staff_role
    if (
        not required
        or Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
    ):
        return redirect(next_url)
    request.session[SESSION_KEY] = next_url
    return render(request, "core/mfa_required.html")


@login_required
def mfa_setup_continue(request: HttpRequest) -> HttpResponse:
    return redirect(request.session.pop(SESSION_KEY, None) or "home")
