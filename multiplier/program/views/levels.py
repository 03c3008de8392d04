"""Step 4, for managers: the ways to contribute (levels), and each member's set level next to the
product's suggestion."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from multiplier.core.access import membership_for
from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.models import Membership, MembershipStatus
from multiplier.core.permissions import Perm
from multiplier.core.selectors import member_search

from ..access import level_for
from ..forms.levels import LevelForm, MemberLevelForm
from ..selectors.levels import ordered_levels, suggestions
from ..services.levels import (
    level_create,
    level_delete,
    level_move,
    level_update,
    member_level_set,
)

PAGE_SIZE = 25


@org_view(perm=Perm.RUN_PROGRAMME)
def level_list(request: OrgRequest) -> HttpResponse:
    return render(
        request, "program/levels/list.html", {"levels": ordered_levels(request.organization)}
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def level_create_view(request: OrgRequest) -> HttpResponse:
    form = LevelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            level = level_create(
                organization=request.organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(name)s” added.") % {"name": level.name})
            return redirect("level_list", request.organization.slug)
    return render(request, "program/levels/form.html", {"form": form, "level": None})


@org_view(perm=Perm.RUN_PROGRAMME)
def level_edit(request: OrgRequest, level_id: int) -> HttpResponse:
    level = level_for(request.organization, level_id)
    form = LevelForm.for_level(level, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changes = level_update(level=level, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved.") if changes else _("Nothing changed."))
            return redirect("level_list", request.organization.slug)
    if request.method == "POST":
        level.refresh_from_db()  # the heading shows the saved name while input is corrected
    return render(request, "program/levels/form.html", {"form": form, "level": level})


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def level_move_view(request: OrgRequest, level_id: int) -> HttpResponse:
    level = level_for(request.organization, level_id)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    level_move(level=level, by=request.membership, direction=direction)
    return redirect(f"{reverse('level_list', args=[request.organization.slug])}#level-{level.pk}")


@org_view(perm=Perm.RUN_PROGRAMME)
def level_delete_view(request: OrgRequest, level_id: int) -> HttpResponse:
    """GET asks first (and says who loses their set level); POST deletes."""
    level = level_for(request.organization, level_id)
    if request.method == "POST":
        count = level_delete(level=level, by=request.membership)
        if count:
            text = ngettext(
                "“%(name)s” is deleted; %(count)d person no longer has a set way to contribute.",
                "“%(name)s” is deleted; %(count)d people no longer have a set way to contribute.",
                count,
            )
        else:
            text = _("“%(name)s” is deleted.")
        messages.success(request, text % {"name": level.name, "count": count})
        return redirect("level_list", request.organization.slug)
    members = (
        Membership.objects.for_org(request.organization)
        .participating()
        .filter(level__level=level)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    return render(request, "program/levels/delete.html", {"level": level, "members": members})


@org_view(perm=Perm.RUN_PROGRAMME)
def member_level_list(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    query = request.GET.get("q", "").strip()[:254]
    members = member_search(organization, query=query, status=MembershipStatus.ACTIVE)
    page = Paginator(members.select_related("level__level"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    levels = list(ordered_levels(organization))
    suggested = suggestions(organization, page.object_list, levels)
    rows = []
    for member in page.object_list:
        member_level = getattr(member, "level", None)
        current = member_level.level if member_level else None
        rows.append(
            {
                "member": member,
                "current": current,
                "suggestion": suggested[member.pk],
                "form": MemberLevelForm(
                    organization=organization, initial={"level": current}, prefix=f"m{member.pk}"
                ),
            }
        )
    return render(
        request,
        "program/levels/members.html",
        {"rows": rows, "page": page, "query": query, "levels": levels},
    )


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def member_level_set_view(request: OrgRequest, member_id: int) -> HttpResponse:
    organization = request.organization
    member = membership_for(organization, member_id)
    if member.is_active:
        try:
            _apply(request, member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        # Opted-out and invited people are not on the page; a stale form says so plainly.
        messages.error(
            request,
            _("%(name)s does not take part in the programme (any more).")
            % {"name": member.user.display_name},
        )
    back = {key: request.POST[key] for key in ("q", "page") if request.POST.get(key)}
    url = reverse("member_level_list", args=[organization.slug])
    return redirect(
        f"{url}?{urlencode(back)}#member-{member.pk}" if back else f"{url}#member-{member.pk}"
    )


def _apply(request: OrgRequest, member: Membership) -> None:
    organization = request.organization
    name = member.user.display_name
    if request.POST.get("action") == "accept":
        suggestion = suggestions(organization, [member])[member.pk].level
        if suggestion is None:
            messages.error(request, _("There is no suggestion for %(name)s.") % {"name": name})
            return
        member_level_set(membership=member, level=suggestion, by=request.membership, suggested=True)
        messages.success(
            request,
            _("The way %(name)s contributes is now “%(level)s”.")
            % {"name": name, "level": suggestion.name},
        )
        return
    form = MemberLevelForm(request.POST, organization=organization, prefix=f"m{member.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return
    level = form.cleaned_data["level"]
    if not member_level_set(membership=member, level=level, by=request.membership):
        messages.info(request, _("Nothing changed."))
    elif level is None:
        messages.success(
            request, _("%(name)s no longer has a set way to contribute.") % {"name": name}
        )
    else:
        messages.success(
            request,
            _("The way %(name)s contributes is now “%(level)s”.")
            % {"name": name, "level": level.name},
        )
