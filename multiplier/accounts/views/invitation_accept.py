"""The link in the invitation e-mail: /invite/<token>/ (public, outside /o/).

Every way a link can fail gets its own explanation. A valid link leads a new person to a short
form (name, password, language), and someone with an account to a "Join" button after logging
in as the invited person.
"""

from __future__ import annotations

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..invitation_forms import AcceptForm
from ..models import Invitation
from ..services.invitations import (
    InvitationUnavailable,
    LinkState,
    invitation_accept,
    invitation_for_token,
)

PROBLEM_STATUS = {
    LinkState.INVALID: 404,
    LinkState.EXPIRED: 410,
    LinkState.REVOKED: 410,
    LinkState.ACCEPTED: 200,
}


@never_cache
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    state, invitation = invitation_for_token(token)
    if invitation is not None:
        _speak_invitation_language(request, invitation)
    if state != LinkState.VALID:
        return _problem(request, state, invitation)
    assert invitation is not None and invitation.membership is not None  # VALID means both

    user = invitation.membership.user
    organization = invitation.organization
    home = reverse("org_home", args=[organization.slug])
    # `org`, not `organization`: the layout would treat the visitor as a member of it.
    context = {"invitation": invitation, "org": organization, "invitee": user}

    if request.user.is_authenticated and request.user.pk != user.pk:
        return render(request, "accounts/invitations/accept_wrong_user.html", context)

    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitation_accept(invitation=invitation, user=user)
            except InvitationUnavailable:
                return _problem(request, *invitation_for_token(token))
            return redirect(home)
        return render(request, "accounts/invitations/accept_join.html", context)

    if user.has_usable_password():
        messages.info(
            request,
            _("Log in as %(email)s to join %(org)s.")
            % {"email": user.email, "org": organization.name},
        )
        return redirect_to_login(request.get_full_path())

    form = AcceptForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(
                invitation=invitation,
                user=user,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
                language=form.cleaned_data["language"],
            )
        except InvitationUnavailable:
            return _problem(request, *invitation_for_token(token))
        return perform_login(
            request,
            user,
            email_verification=allauth_settings.EMAIL_VERIFICATION,
            redirect_url=home,
        )
    return render(request, "accounts/invitations/accept_new_user.html", {**context, "form": form})


def _speak_invitation_language(request: HttpRequest, invitation: Invitation) -> None:
    """Someone who is not logged in and has not picked a language here reads the page in the
    language of their invitation e-mail, not in whatever their browser happens to say."""
    if request.user.is_authenticated or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    translation.activate(invitation.language)
    request.LANGUAGE_CODE = invitation.language  # type: ignore[attr-defined]


def _problem(request: HttpRequest, state: LinkState, invitation: Invitation | None) -> HttpResponse:
    if (
        state == LinkState.ACCEPTED
        and invitation is not None
        and invitation.membership is not None
        and request.user.is_authenticated
        and request.user.pk == invitation.membership.user_id
    ):
        # Their own link, opened again: they are in already.
        return redirect("org_home", org_slug=invitation.organization.slug)
    return render(
        request,
        "accounts/invitations/accept_problem.html",
        {"state": state, "invitation": invitation},
        status=PROBLEM_STATUS.get(state, 200),
    )
