"""Step 3, for managers: one theme's people, putting someone on it, confirming experts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import member_theme_for, theme_for
from ..forms.member_themes import AssignForm
from ..models import MemberTheme
from ..selectors.coverage import theme_coverage
from ..services.member_themes import (
    member_theme_assign,
    member_theme_confirm_expert,
    member_theme_remove,
    member_theme_withdraw_confirmation,
)


@org_view(perm=Perm.RUN_PROGRAMME)
def theme_people(request: OrgRequest, theme_id: int) -> HttpResponse:
    theme = theme_for(request.organization, theme_id)
    form = AssignForm(request.POST or None, theme=theme) if not theme.is_archived else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            member_theme_assign(
                membership=data["membership"],
                theme=theme,
                relation=data["relation"],
                confirm=data["confirm"],
                by=request.membership,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is on “%(theme)s”.")
                % {"name": data["membership"].user.display_name, "theme": theme.name},
            )
            return redirect("theme_people", request.organization.slug, theme.pk)
    return render(
        request,
        "program/member_themes/theme_people.html",
        {"theme": theme, "coverage": theme_coverage(theme), "form": form},
    )


ACTIONS = {
    "confirm": member_theme_confirm_expert,
    "withdraw": member_theme_withdraw_confirmation,
    "remove": member_theme_remove,
}


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def member_theme_action(request: OrgRequest, member_theme_id: int) -> HttpResponse:
    bond = member_theme_for(request.organization, member_theme_id)
    if not bond.membership.is_active:
        raise Http404  # opted-out people appear nowhere, so nothing can be done to them here
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        try:
            action(member_theme=bond, by=request.membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _done(request.POST["action"], bond))
    url = reverse("theme_people", args=[request.organization.slug, bond.theme_id])
    return redirect(url)


def _done(action: str, bond: MemberTheme) -> str:
    names = {"name": bond.membership.user.display_name, "theme": bond.theme.name}
    if action == "confirm":
        return _("%(name)s is a confirmed expert on “%(theme)s”.") % names
    if action == "withdraw":
        return _("The confirmation of %(name)s as an expert on “%(theme)s” is withdrawn.") % names
    return _("%(name)s is no longer on “%(theme)s”.") % names
