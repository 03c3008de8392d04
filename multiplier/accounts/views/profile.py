"""The member's profile: name, language, notifications, networks, account security, and whether
they take part. Reachable by opted-out members too, so they can come back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view

from ..profile_forms import NOTIFICATION_FIELDS, NetworksForm, ProfileForm
from ..services.profile import user_set_networks, user_update_profile
from .language import remember_language

# Each form on the page posts its own section, so one form's errors never wipe the other's input.
ABOUT, NETWORKS = "about", "networks"


@org_view(perm=None, skip_gates=True)
def profile(request: OrgRequest) -> HttpResponse:
    user = request.membership.user
    about_form = ProfileForm(user=user)
    networks_form = NetworksForm(user=user)
    if request.method == "POST":
        section = request.POST.get("section")
        if section == ABOUT:
            about_form = ProfileForm(request.POST, user=user)
            if about_form.is_valid():
                return _save_about(request, about_form)
        elif section == NETWORKS:
            networks_form = NetworksForm(request.POST, user=user)
            if networks_form.is_valid():
                user_set_networks(user=user, answers=networks_form.answers())
                messages.success(request, _("Your networks are saved."))
                return redirect("profile", org_slug=request.organization.slug)
    return render(
        request,
        "accounts/profile.html",
        {"about_form": about_form, "networks_form": networks_form},
    )


def _save_about(request: OrgRequest, form: ProfileForm) -> HttpResponse:
    user = request.membership.user
    data = form.cleaned_data
    changed = user_update_profile(
        user=user,
        name=data["name"],
        language=data["language"],
        **{name: data[name] for name in NOTIFICATION_FIELDS},
    )
    response = redirect("profile", org_slug=request.organization.slug)
    if "language" in changed:
        remember_language(response, user.language)
    # In the language just chosen: the next page will be in it too.
    with translation.override(user.language):
        messages.success(request, _("Your profile is saved."))
    return response
