"""The social media policy: reading it (everyone), writing and publishing versions (managers),
and accepting a new version (the page the re-accept gate sends members to)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.next_url import safe_next
from multiplier.core.permissions import Perm, can

from ..access import policy_for
from ..forms.policy import PolicyAcceptForm, PolicyForm
from ..forms.service_errors import add_service_errors
from ..models import Policy, PolicyAcceptance
from ..policy import (
    acceptance_summary,
    current_policy,
    last_accepted,
    open_draft,
    published_since,
)
from ..policy_template import TEXT as TEMPLATE_TEXTS
from ..policy_template import starting_policy
from ..services.policy import (
    policy_accept,
    policy_draft_create,
    policy_draft_discard,
    policy_draft_update,
    policy_publish,
)

# The people who still have to accept, shown by name on the manager's view (the rest counted).
WAITING_SHOWN = 50


@org_view(perm=Perm.USE_PROGRAMME)
def policy_detail(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    policy = current_policy(organization)
    context: dict[str, Any] = {
        "policy": policy,
        "my_acceptance": PolicyAcceptance.objects.filter(
            policy=policy, membership=request.membership
        ).first()
        if policy
        else None,
    }
    if can(request.membership, Perm.RUN_PROGRAMME):
        summary = acceptance_summary(organization)
        context.update(
            can_run=True,
            draft=open_draft(organization),
            history=Policy.objects.published()
            .filter(organization=organization)
            .defer("body", "source"),
            summary=summary,
            waiting=list(summary.waiting[:WAITING_SHOWN]),
        )
    return render(request, "program/policy/detail.html", context)


@org_view(perm=Perm.RUN_PROGRAMME)
def policy_version(request: OrgRequest, policy_id: int) -> HttpResponse:
    """One version as members see it (a draft: as they will see it)."""
    policy = policy_for(request.organization, policy_id)
    current = current_policy(request.organization)
    return render(
        request,
        "program/policy/version.html",
        {"policy": policy, "is_current": current is not None and current.pk == policy.pk},
    )


def _starting_point(request: OrgRequest) -> tuple[dict[str, str], Policy | None]:
    """What a new draft starts from: the version asked for (?from=), else the current one, else
    the starting text in the organisation's language (or the one asked for, ?language=)."""
    organization = request.organization
    based_on = None
    if request.GET.get("from"):
        based_on = policy_for(organization, request.GET["from"])
    based_on = based_on or current_policy(organization)
    if based_on is not None:
        return {"title": based_on.title, "text": based_on.source or based_on.body}, based_on
    user = request.user
    title, text = starting_policy(
        language=request.GET.get("language") or organization.language,
        organization=organization.name,
        contact=f"{user.display_name} ({user.email})",
    )
    return {"title": title, "text": text}, None


def _saved(request: OrgRequest, policy: Policy) -> HttpResponse:
    slug = request.organization.slug
    if policy.published_at is None:
        messages.success(request, _("Draft saved. This is how members will see it."))
        return redirect("policy_version", slug, policy.pk)
    if policy.version == 1:
        text = _("Version 1 is published. Members accept it when they get started.")
    else:
        text = _(
            "Version %(version)d is published. Members will be asked to accept it on their "
            "next visit."
        ) % {"version": policy.version}
    messages.success(request, text)
    return redirect("policy_detail", slug)


def _save(request: OrgRequest, form: PolicyForm, draft: Policy | None) -> Policy | None:
    """Create or update the draft and, when asked, publish it: all or nothing, so a refused
    publication (no "what changed") leaves the draft as it was."""
    fields = {
        "by": request.membership,
        "title": form.cleaned_data["title"],
        "text": form.cleaned_data["text"],
        "changes": form.cleaned_data.get("changes", ""),
    }
    try:
        with transaction.atomic():
            if draft is None:
                draft = policy_draft_create(organization=request.organization, **fields)
            else:
                draft = policy_draft_update(policy=draft, **fields)
            if request.POST.get("action") == "publish":
                draft = policy_publish(policy=draft, by=request.membership)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return draft


@org_view(perm=Perm.RUN_PROGRAMME)
def policy_create(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    draft = open_draft(organization)
    if draft is not None:
        messages.info(request, _("There is already a draft of the next version: continue it here."))
        return redirect("policy_edit", organization.slug, draft.pk)
    initial, based_on = _starting_point(request)
    form = PolicyForm(
        request.POST or None, initial=initial, asks_changes=current_policy(organization) is not None
    )
    if request.method == "POST" and form.is_valid():
        policy = _save(request, form, None)
        if policy is not None:
            return _saved(request, policy)
    return render(
        request,
        "program/policy/form.html",
        {
            "form": form,
            "draft": None,
            "based_on": based_on,
            "template_languages": [
                (code, name) for code, name in settings.LANGUAGES if code in TEMPLATE_TEXTS
            ],
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def policy_edit(request: OrgRequest, policy_id: int) -> HttpResponse:
    organization = request.organization
    draft = policy_for(organization, policy_id)
    if draft.published_at is not None:
        messages.info(
            request,
            _("A published version cannot be changed. Start a new draft from it instead."),
        )
        return redirect("policy_version", organization.slug, draft.pk)
    if request.method == "POST" and request.POST.get("action") == "discard":
        policy_draft_discard(policy=draft, by=request.membership)
        messages.success(request, _("The draft is deleted."))
        return redirect("policy_detail", organization.slug)
    form = PolicyForm(
        request.POST or None,
        initial={
            "title": draft.title,
            "text": draft.source or draft.body,
            "changes": draft.changes,
        },
        asks_changes=current_policy(organization) is not None,
    )
    if request.method == "POST" and form.is_valid():
        policy = _save(request, form, draft)
        if policy is not None:
            return _saved(request, policy)
    return render(request, "program/policy/form.html", {"form": form, "draft": draft})


@org_view(perm=Perm.USE_PROGRAMME)
def policy_accept_view(request: OrgRequest) -> HttpResponse:
    """Accept the current version, then back to where the member was (`next`, this site only).
    The re-accept gate sends members here; the page itself is never gated by it."""
    organization = request.organization
    membership = request.membership
    next_url = safe_next(
        request, request.POST.get("next") or request.GET.get("next", "")
    ) or reverse("org_home", args=[organization.slug])
    policy = current_policy(organization)
    if (
        policy is None
        or PolicyAcceptance.objects.filter(policy=policy, membership=membership).exists()
    ):
        return redirect(next_url)
    form = PolicyAcceptForm(request.POST or None, policy=policy)
    if request.method == "POST" and form.is_valid():
        policy_accept(membership=membership, policy=policy)
        messages.success(request, _("Thank you. You can read the policy any time from the menu."))
        return redirect(next_url)
    previous = last_accepted(membership)
    return render(
        request,
        "program/policy/accept.html",
        {
            "policy": policy,
            "form": form,
            "next": next_url,
            "previous": previous,
            "since": published_since(previous, policy) if previous else [],
        },
    )
