"""The onboarding wizard: the registered steps (accounts/onboarding.py), one page each.

Members who finished onboarding are sent to the organisation's home; what they answered can be
changed on their profile, which uses the same forms.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..onboarding import Step, steps_for
from ..services.membership import membership_finish_onboarding
from .language import remember_language


@org_view(perm=Perm.USE_PROGRAMME, skip_gates=True)
def onboarding_start(request: OrgRequest) -> HttpResponse:
    membership = request.membership
    steps = steps_for(membership)
    if membership.onboarded_at is not None or not steps:
        return _finish(request)
    return redirect("onboarding_step", org_slug=request.organization.slug, step=steps[0].key)


@org_view(perm=Perm.USE_PROGRAMME, skip_gates=True)
def onboarding_step(request: OrgRequest, step: str) -> HttpResponse:
    membership = request.membership
    steps = steps_for(membership)
    current = next((s for s in steps if s.key == step), None)
    if current is None:
        raise Http404
    if membership.onboarded_at is not None:
        return redirect("org_home", org_slug=request.organization.slug)

    if request.method != "POST":
        return _render(request, steps, current, current.make_form(membership))

    form = current.make_form(membership, request.POST)
    if form is not None and not form.is_valid():
        return _render(request, steps, current, form)
    language_before = membership.user.language
    current.save(membership, form)
    # Answers may change which steps apply, so the next one is looked up afresh.
    following = [s for s in steps_for(membership) if s.order > current.order]
    if following:
        response = redirect(
            "onboarding_step", org_slug=request.organization.slug, step=following[0].key
        )
    else:
        response = _finish(request)
    if membership.user.language != language_before:
        remember_language(response, membership.user.language)
    return response


def _finish(request: OrgRequest) -> HttpResponse:
    membership = request.membership
    if membership_finish_onboarding(membership=membership):
        # Said in the language just chosen, if it was chosen on the last step.
        with translation.override(membership.user.language):
            messages.success(
                request,
                _("You are all set. Welcome to the ambassador programme of %(org)s!")
                % {"org": request.organization.name},
            )
    return redirect("org_home", org_slug=request.organization.slug)


def _render(
    request: OrgRequest, steps: list[Step], current: Step, form: forms.Form | None
) -> HttpResponse:
    index = steps.index(current)
    context = {
        "steps": steps,
        "step": current,
        "step_number": index + 1,
        "previous": steps[index - 1] if index > 0 else None,
        "is_last": index == len(steps) - 1,
        "form": form,
        **current.context(request.membership),
    }
    return render(request, "accounts/onboarding/wizard.html", context)
