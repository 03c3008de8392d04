"""Opening the link in the invitation e-mail: every way it can go."""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from multiplier.accounts.models import Invitation, User
from multiplier.accounts.services.invitations import (
    InvitationUnavailable,
    Invitee,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from multiplier.core.models import AuditEvent, Membership, MembershipStatus
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PATH = re.compile(r"https?://[^/\s]+(/invite/[\w-]+/)")
NEW_PASSWORD = "a long passphrase 42"


def invite(org, inviter, email="new@acme.test", **fields) -> tuple[Invitation, str]:
    """Invite someone; returns the invitation and the path of the link in their e-mail."""
    _outcome, invitation = invitation_create(
        organization=org, inviter=inviter, invitee=Invitee(email=email, **fields)
    )
    return invitation, PATH.search(mail.outbox[-1].body).group(1)


def accept_form(**fields) -> dict[str, str]:
    return {"name": "Nina Nieuw", "password": NEW_PASSWORD, "language": "en", **fields}


# --- A new person -------------------------------------------------------------------------------


def test_new_person_sets_name_password_language_and_is_logged_in(org, manager, client):
    invitation, path = invite(org, manager, name="Nina", language="en")
    page = client.get(path)
    assert page.status_code == 200
    assert b"Choose a password" in page.content and b"new@acme.test" in page.content
    assert page["Cache-Control"].startswith("max-age=0")

    response = client.post(path, accept_form(name="Nina Nieuw", language="nl"))
    assert response.status_code == 302
    assert response["Location"] == reverse("org_home", args=[org.slug])

    user = User.objects.get(email="new@acme.test")
    assert user.check_password(NEW_PASSWORD)
    assert (user.name, user.language) == ("Nina Nieuw", "nl")
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).count() == 1
    membership = Membership.objects.get(user=user, organization=org)
    assert membership.status == MembershipStatus.ACTIVE and membership.joined_at is not None
    assert membership.onboarded_at is None  # the onboarding wizard comes next
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditEvent.objects.filter(action="invitation.accepted", actor=user).exists()


def test_password_is_checked_by_djangos_validators(org, manager, client):
    _invitation, path = invite(org, manager)
    for weak in ("short", "password123", "12345678901", "new@acme.test"):
        response = client.post(path, accept_form(password=weak))
        assert response.status_code == 200
        assert response.context["form"].errors["password"], weak
    assert Membership.objects.get(user__email="new@acme.test").status == MembershipStatus.INVITED
    assert "_auth_user_id" not in client.session


def test_a_password_like_the_chosen_name_is_refused(org, manager, client):
    _invitation, path = invite(org, manager)
    response = client.post(path, accept_form(name="Bartholomeus Wijnberg", password="wijnberg1"))
    assert "too similar to the name" in str(response.context["form"].errors["password"])


def test_password_help_is_short_and_informal_in_dutch(org, manager, client):
    _invitation, path = invite(org, manager, language="nl")
    page = client.get(path).content.decode()
    assert "Minstens 8 tekens." in page and "Niet alleen cijfers." in page
    assert "Uw wachtwoord" not in page  # Django's own Dutch is formal


def test_the_page_speaks_the_invitation_language_to_a_visitor(org, manager, client):
    _invitation, path = invite(org, manager, language="nl")
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert b"Kies een wachtwoord" in page.content


# --- Someone with an account --------------------------------------------------------------------


def test_logged_in_invitee_joins_with_one_button(org, manager, make_member, make_org, login):
    member = make_member(make_org("Elsewhere"), email="known@acme.test")
    _invitation, path = invite(org, manager, "known@acme.test")
    client = login(member)
    page = client.get(path)
    assert page.status_code == 200 and b"Join Acme" in page.content
    assert b"password" not in page.content.lower()
    response = client.post(path)
    assert response["Location"] == reverse("org_home", args=[org.slug])
    membership = Membership.objects.get(user=member.user, organization=org)
    assert membership.status == MembershipStatus.ACTIVE
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)  # untouched


def test_logged_out_invitee_with_account_is_sent_to_login_and_back(
    org, manager, make_member, make_org, client
):
    make_member(make_org(), email="known@acme.test")
    _invitation, path = invite(org, manager, "known@acme.test")
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [path]

    login_page = client.get(response["Location"])
    assert b"Log in as known@acme.test to join Acme" in login_page.content
    logged_in = client.post(
        response["Location"], {"login": "known@acme.test", "password": PASSWORD}
    )
    assert logged_in["Location"] == path
    assert b"Join Acme" in client.get(path).content


def test_someone_else_logged_in_is_told_and_offered_to_log_out(org, manager, ambassador, login):
    _invitation, path = invite(org, manager, "new@acme.test")
    client = login(ambassador)
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "ambassador@acme.test" in text and "new@acme.test" in text
    assert reverse("account_logout") in text
    assert client.post(path).status_code == 200  # a POST does not accept it for them
    assert Membership.objects.get(user__email="new@acme.test").status == MembershipStatus.INVITED


# --- Links that do not work ---------------------------------------------------------------------


def test_expired_link_says_who_to_ask(org, manager, client):
    invitation, path = invite(org, manager)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(1))
    page = client.get(path)
    assert page.status_code == 410
    assert b"This invitation has expired" in page.content
    assert b"Ask Max Manager" in page.content and b"manager@acme.test" in page.content
    assert client.post(path, accept_form()).status_code == 410
    assert Membership.objects.get(user__email="new@acme.test").status == MembershipStatus.INVITED


def test_withdrawn_link_says_so(org, manager, client):
    invitation, path = invite(org, manager)
    invitation_revoke(invitation=invitation, actor=manager.user)
    page = client.get(path)
    assert page.status_code == 410 and b"withdrawn" in page.content
    assert client.post(path, accept_form()).status_code == 410
    assert not User.objects.filter(email="new@acme.test").exists()


def test_used_link_cannot_be_used_again(org, manager, client):
    _invitation, path = invite(org, manager)
    assert client.post(path, accept_form()).status_code == 302
    # Their own link again, while logged in: straight in.
    assert client.get(path)["Location"] == reverse("org_home", args=[org.slug])
    stranger = Client()
    page = stranger.get(path)
    assert page.status_code == 200 and b"already been accepted" in page.content
    again = stranger.post(path, accept_form(password="another passphrase 43"))
    assert b"already been accepted" in again.content
    assert User.objects.get(email="new@acme.test").check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character changed
        lambda token: token[:30],  # cut short by a mail program
        lambda token: "x" * 59,  # made up
        lambda token: token[:16],  # the key alone
    ],
)
def test_tampered_or_unknown_link_gets_a_friendly_404(org, manager, client, mangle):
    _invitation, path = invite(org, manager)
    token = path.split("/")[2]
    page = client.get(f"/invite/{mangle(token)}/")
    assert page.status_code == 404
    assert b"This link does not work" in page.content
    assert b"new@acme.test" not in page.content  # reveals nothing about the invitation


def test_a_replaced_link_stops_working(org, manager, client):
    invitation, old_path = invite(org, manager)
    invitation_resend(invitation=invitation, actor=manager.user)
    new_path = PATH.search(mail.outbox[-1].body).group(1)
    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200


def test_accepting_twice_at_the_same_moment_accepts_once(org, manager, transactional_db):
    """Two requests race to accept: one conditional UPDATE decides, the other is refused."""
    invitation, _path = invite(org, manager)
    user = invitation.membership.user
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def accept() -> None:
        try:
            start.wait()
            invitation_accept(invitation=invitation, user=user, password=NEW_PASSWORD)
            outcomes.append("accepted")
        except InvitationUnavailable:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert AuditEvent.objects.filter(action="invitation.accepted").count() == 1
