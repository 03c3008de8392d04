"""Resolve the organisation once per request, and add the security headers Django lacks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .models import Membership, MembershipStatus

ORG_KWARG = "org_slug"


class OrganizationMiddleware:
    """For every URL under /o/<org_slug>/: anonymous visitors go to the login page; people who
    are not (yet) a member get 404, exactly as for an organisation that does not exist. Sets
    `request.organization` and `request.membership` for views, templates and access helpers, and
    `request.my_memberships` (all of the person's organisations) for the menu."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organization = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        request.my_memberships = None  # type: ignore[attr-defined]
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: Any, view_kwargs: dict
    ) -> HttpResponse | None:
        slug = view_kwargs.get(ORG_KWARG)
        if slug is None:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # All of the person's memberships in one query (people belong to a few organisations):
        # the menu lists the others (context_processors.tenancy), which would otherwise cost a
        # second query on every page.
        # The user is the one authentication already read: given to each membership rather
        # than joined in again (fewer columns to read and convert on every page).
        user = request.user
        memberships = list(Membership.objects.of_user(user))
        for member in memberships:
            member.user = user
        membership = next((m for m in memberships if m.organization.slug == slug), None)
        if membership is None:
            raise Http404
        request.my_memberships = memberships  # type: ignore[attr-defined]
        request.organization = membership.organization  # type: ignore[attr-defined]
        request.membership = membership  # type: ignore[attr-defined]
        if request.session.get("current_org") != slug:
            # Only on a change: an unchanged session is not written back (one UPDATE less per page).
            request.session["current_org"] = slug
        # Times are stored in UTC and shown in the organisation's time zone on all its pages.
        timezone.activate(membership.organization.tz)

        # Gates that come before any page of the organisation, unless the view opts out
        # (the onboarding wizard itself, the profile, ...).
        if not getattr(view_func, "skip_gates", False):
            for gate in GATES:
                response = gate(request, membership)
                if response is not None:
                    return response
        return None


def _mfa_gate(request: HttpRequest, membership: Membership) -> HttpResponse | None:
    """Admins and managers of an organisation that requires two-factor authentication set it
    up before they can use that organisation."""
    if not (membership.organization.require_mfa_for_staff and membership.is_staff_role):
        return None
    from allauth.mfa.models import Authenticator

    if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
        return None
    # `next` brings the person back to this page once the set-up is done.
    url = reverse("org_mfa_required", kwargs={ORG_KWARG: membership.organization.slug})
    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def _onboarding_gate(request: HttpRequest, membership: Membership) -> HttpResponse | None:
    if membership.status != MembershipStatus.ACTIVE or membership.onboarded_at is not None:
        return None
    return redirect("onboarding", org_slug=membership.organization.slug)


Gate = Callable[[HttpRequest, Membership], HttpResponse | None]

GATES: list[Gate] = [
    _mfa_gate,
    _onboarding_gate,
]


def register_gate(gate: Gate) -> Gate:
    """Add a gate after the built-in ones, from a higher app's AppConfig.ready() (core never
    imports those apps). A gate runs on every gated page of an organisation, so it must be
    cheap: at most one small query. Registering the same gate twice is harmless."""
    if gate not in GATES:
        GATES.append(gate)
    return gate


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy and Permissions-Policy. Everything the pages need is
    served from this site (htmx is vendored), so 'self' is all that is allowed."""

    CSP = (
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            # Django's admin uses inline scripts and styles; it is for superusers only.
            response.headers.setdefault(
                "Content-Security-Policy",
                self.CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
                    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
                ),
            )
        else:
            response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response
