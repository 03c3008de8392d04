"""The re-accept gate: after a new version of the social media policy is published, a member's
next page asks them to accept it, with one button that brings them back (core's middleware runs
it; registered in ProgramConfig.ready, as core never imports program).

It stays out of the way wherever being sent elsewhere would cost more than a click: during
onboarding (the wizard has its own policy step), for opted-out members, on the policy pages
themselves, and for anything but a plain page view (a form being sent or an htmx request would
lose what the person was doing; their next page asks instead). Cost: one small indexed query
per gated page (`policy_waiting`, plain SQL); tests/program/test_policy_acceptance.py counts it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from multiplier.core.models import Membership, MembershipStatus

from .policy import policy_waiting

# Reading, writing and accepting the policy never asks to accept it first.
POLICY_PAGES = frozenset(
    {"policy_detail", "policy_accept", "policy_create", "policy_version", "policy_edit"}
)


def policy_gate(request: HttpRequest, membership: Membership) -> HttpResponse | None:
    if membership.status != MembershipStatus.ACTIVE or membership.onboarded_at is None:
        return None
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return None
    match = request.resolver_match
    if match is not None and match.url_name in POLICY_PAGES:
        return None
    if not policy_waiting(membership):
        return None
    url = reverse("policy_accept", kwargs={"org_slug": membership.organization.slug})
    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
