"""Invitations for managers and admins: the list, inviting one person, re-sending and
withdrawing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import invitation_for
from ..invitation_forms import InviteForm
from ..models import Invitation
from ..services.invitations import (
    Outcome,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)

# Tab -> newest first by what matters in it.
TABS = {"pending": "-created_at", "expired": "-expires_at", "accepted": "-accepted_at"}
PAGE_SIZE = 50


@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_list(request: OrgRequest) -> HttpResponse:
    tab = request.GET.get("status", "")
    if tab not in TABS:
        tab = "pending"
    invitations = Invitation.objects.filter(organization=request.organization)
    counts = invitations.counts()
    shown = getattr(invitations, tab)().select_related("membership__user", "invited_by")
    query = request.GET.get("q", "").strip()
    if query:
        shown = shown.filter(Q(email__icontains=query) | Q(membership__user__name__icontains=query))
    shown = shown.order_by(TABS[tab], "-id")
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/invitations/list.html",
        {"tab": tab, "counts": counts, "page": page, "query": query},
    )


@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_create_view(request: OrgRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        invitee = form.invitee()
        try:
            outcome, _invitation = invitation_create(
                organization=request.organization, inviter=request.membership, invitee=invitee
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if outcome == Outcome.RESENT:
                text = _("%(email)s was already invited; we sent the invitation again.")
            else:
                text = _("Invitation sent to %(email)s.")
            messages.success(request, text % {"email": invitee.email})
            return redirect("invitation_list", org_slug=request.organization.slug)
    return render(request, "accounts/invitations/create.html", {"form": form})


def _back_to_list(request: OrgRequest) -> HttpResponse:
    tab = request.POST.get("status", "")
    url = reverse("invitation_list", args=[request.organization.slug])
    return redirect(f"{url}?status={tab}" if tab in TABS else url)


@require_POST
@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_resend_view(request: OrgRequest, invitation_id: int) -> HttpResponse:
    invitation = invitation_for(request.organization, invitation_id)
    try:
        invitation_resend(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("A new invitation is on its way to %(email)s.") % {"email": invitation.email}
        )
    return _back_to_list(request)


@require_POST
@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_revoke_view(request: OrgRequest, invitation_id: int) -> HttpResponse:
    invitation = invitation_for(request.organization, invitation_id)
    try:
        invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The invitation of %(email)s is withdrawn; the link no longer works.")
            % {"email": invitation.email},
        )
    return _back_to_list(request)
