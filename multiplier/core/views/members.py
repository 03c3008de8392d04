"""The members page (managers and admins) and one member's page (admins change, managers read)."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..access import membership_for
from ..decorators import OrgRequest, org_view
from ..forms.members import MemberFilterForm, MemberForm
from ..models import Membership
from ..permissions import Perm, can
from ..selectors import member_search, member_status_counts, org_teams
from ..services.members import (
    membership_change_role,
    membership_remove,
    membership_set_leader,
    membership_set_team,
)

PAGE_SIZE = 25


@org_view(perm=Perm.VIEW_MEMBERS)
def member_list(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    teams = org_teams(organization)
    form = MemberFilterForm(request.GET, teams=teams)
    filters = form.filters()
    members = member_search(
        organization, **filters, find_opted_out=can(request.membership, Perm.MANAGE_MEMBERS)
    )
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/members/list.html",
        {
            "form": form,
            "page": page,
            "counts": member_status_counts(organization),
            "is_filtered": any(value for key, value in filters.items() if key != "sort"),
        },
    )


@org_view(perm=Perm.VIEW_MEMBERS)
def member_detail(request: OrgRequest, member_id: int) -> HttpResponse:
    member = membership_for(request.organization, member_id)
    can_manage = can(request.membership, Perm.MANAGE_MEMBERS)
    if member.is_opted_out and not can_manage:
        # Opted-out people appear nowhere; only an admin reaches them (to remove a leaver).
        raise Http404
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    # The form works on a copy: a refused change must not show up in the facts on the page.
    form = MemberForm(request.POST or None, instance=copy.copy(member)) if can_manage else None

    if request.method == "POST":
        if request.POST.get("action") == "remove":
            try:
                membership_remove(membership=member, by=request.membership)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("member_detail", request.organization.slug, member.pk)
            messages.success(
                request,
                _("%(name)s is no longer part of %(org)s.")
                % {"name": member.user.display_name, "org": request.organization.name},
            )
            return redirect("members", request.organization.slug)

        if form.is_valid() and _save_member(form, member, request):
            messages.success(request, _("Changes saved."))
            return redirect("member_detail", request.organization.slug, member.pk)

    return render(
        request,
        "core/members/detail.html",
        {
            "member": member,
            "form": form,
            "teams": org_teams(request.organization) if can_manage else [],
            "is_self": member.pk == request.membership.pk,
        },
    )


def _save_member(form: MemberForm, member: Membership, request: OrgRequest) -> bool:
    """All three changes or none: a refused role change leaves team and leader flag alone."""
    data = form.cleaned_data
    by = request.membership
    try:
        with transaction.atomic():
            membership_change_role(membership=member, role=data["role"], by=by)
            membership_set_leader(membership=member, is_leader=data["is_leader"], by=by)
            membership_set_team(membership=member, team=data["team"], by=by)
    except ValidationError as error:
        field = "team" if error.code == "team_too_long" else "role"
        form.add_error(field, error)
        return False
    return True
