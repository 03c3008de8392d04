"""The member's profile: name, language, notifications, networks, the sections other apps register
(accounts/profile_sections.py), account security, and whether they take part. Reachable by
opted-out members too, so they can come back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view

from ..profile_forms import NOTIFICATION_FIELDS, NetworksForm, ProfileForm
from ..profile_sections import ProfileSection, sections_for
from ..services.profile import user_set_networks, user_update_profile
from .language import remember_language

# Each form on the page posts its own section, so one form's errors never wipe the other's input.
ABOUT, NETWORKS = "about", "networks"


@org_view(perm=None, skip_gates=True)
def profile(request: OrgRequest) -> HttpResponse:
    user = request.membership.user
    about_form = ProfileForm(user=user)
    networks_form = NetworksForm(user=user)
    sections = sections_for(request.membership)
    posted: dict[str, forms.Form | None] = {}
    if request.method == "POST":
        key = request.POST.get("section")
        if key == ABOUT:
            about_form = ProfileForm(request.POST, user=user)
            if about_form.is_valid():
                return _save_about(request, about_form)
        elif key == NETWORKS:
            networks_form = NetworksForm(request.POST, user=user)
            if networks_form.is_valid():
                user_set_networks(user=user, answers=networks_form.answers())
                messages.success(request, _("Your networks are saved."))
                return redirect("profile", org_slug=request.organization.slug)
        else:
            section = next((s for s in sections if s.key == key and s.form is not None), None)
            if section is not None:
                form = section.make_form(request.membership, request.POST)
                if form is not None and form.is_valid():
                    return _save_section(request, section, form)
                posted[section.key] = form
    return render(
        request,
        "accounts/profile.html",
        {
            "about_form": about_form,
            "networks_form": networks_form,
            "sections": [_section_context(request, s, posted) for s in sections],
        },
    )


def _save_section(request: OrgRequest, section: ProfileSection, form: forms.Form) -> HttpResponse:
    section.save(request.membership, form)
    messages.success(request, section.saved_message or _("Saved."))
    url = reverse("profile", args=[request.organization.slug])
    return redirect(f"{url}#{section.key}")


def _section_context(
    request: OrgRequest, section: ProfileSection, posted: dict[str, forms.Form | None]
) -> dict[str, Any]:
    """A registered section, its form (a form that failed keeps the member's input) and its
    inside, rendered with the context the section asks for."""
    form = posted[section.key] if section.key in posted else section.make_form(request.membership)
    inside = render_to_string(
        section.template,
        {"section": section, "form": form, **section.context(request.membership)},
        request=request,
    )
    return {"section": section, "form": form, "inside": inside}


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
