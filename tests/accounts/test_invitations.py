"""Inviting one person, re-sending, withdrawing; the e-mail; who may do what."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from multiplier.accounts.invitation_tokens import hash_secret
from multiplier.accounts.models import Invitation, User
from multiplier.accounts.services.invitations import (
    Invitee,
    Outcome,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from multiplier.core.models import AuditEvent, Membership, MembershipStatus, Role

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"<>]+/invite/([\w-]+)/")


def link_in(message) -> str:
    body = message.body if hasattr(message, "body") else message
    return LINK.search(body).group(0)


def invite(org, inviter, email="new@acme.test", **fields) -> Invitation:
    _outcome, invitation = invitation_create(
        organization=org, inviter=inviter, invitee=Invitee(email=email, **fields)
    )
    return invitation


# --- The service --------------------------------------------------------------------------------


def test_inviting_creates_user_membership_and_invitation(org, manager, settings):
    settings.INVITATION_VALID_DAYS = 10
    invitation = invite(
        org, manager, "Nina@Acme.test", name="Nina Nieuw", team="Sales", role=Role.MANAGER,
        is_leader=True, language="nl",
    )  # fmt: skip

    user = User.objects.get(email="nina@acme.test")
    assert not user.has_usable_password()
    assert (user.name, user.language) == ("Nina Nieuw", "nl")
    membership = Membership.objects.get(user=user, organization=org)
    assert membership.status == MembershipStatus.INVITED
    assert (membership.role, membership.is_leader, membership.team) == ("manager", True, "Sales")
    assert invitation.membership == membership
    assert invitation.invited_by == manager.user
    assert invitation.language == "nl"
    assert (
        timedelta(days=9, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=10)
    )
    invitation.refresh_from_db()
    assert invitation.send_count == 1 and invitation.last_sent_at is not None
    assert AuditEvent.objects.filter(action="invitation.created", target="nina@acme.test").exists()


def test_only_a_hash_of_the_link_secret_is_stored(org, manager):
    invitation = invite(org, manager)
    invitation.refresh_from_db()
    token = LINK.search(mail.outbox[0].body).group(1)
    assert token.startswith(invitation.key)
    secret = token[len(invitation.key) :]
    assert len(secret) >= 43
    assert invitation.token_hash == hash_secret(secret)
    stored = [str(getattr(invitation, f.attname)) for f in Invitation._meta.fields]
    assert not any(secret in value for value in stored)


def test_an_existing_account_is_reused_and_keeps_its_language(org, manager, make_member, make_org):
    elsewhere = make_member(make_org(), email="known@acme.test", language="nl", name="Known")
    invitation = invite(org, manager, "known@acme.test", name="Other name", language="en")
    assert invitation.membership.user == elsewhere.user
    elsewhere.user.refresh_from_db()
    assert elsewhere.user.name == "Known"
    assert invitation.language == "nl"  # the e-mail speaks the language they chose


@pytest.mark.parametrize("status", [MembershipStatus.ACTIVE, MembershipStatus.OPTED_OUT])
def test_inviting_a_member_is_a_clear_error(org, manager, make_member, status):
    make_member(org, email="member@acme.test", status=status)
    with pytest.raises(ValidationError) as exc:
        invite(org, manager, "member@acme.test")
    assert "member@acme.test is already a member of Acme" in str(exc.value)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_inviting_a_pending_person_again_resends(org, manager):
    first = invite(org, manager, "twice@acme.test", team="Old")
    old_link = link_in(mail.outbox[0])
    outcome, second = invitation_create(
        organization=org, inviter=manager, invitee=Invitee(email="twice@acme.test", team="New")
    )
    assert outcome == Outcome.RESENT
    assert second.pk == first.pk
    assert Membership.objects.get(user__email="twice@acme.test").team == "New"
    assert len(mail.outbox) == 2 and link_in(mail.outbox[1]) != old_link
    second.refresh_from_db()
    assert second.send_count == 2


def test_managers_cannot_invite_admins_but_admins_can(org, manager, admin):
    with pytest.raises(PermissionDenied):
        invite(org, manager, role=Role.ADMIN)
    assert invite(org, admin, role=Role.ADMIN).membership.role == Role.ADMIN


def test_resend_makes_a_new_link_and_a_new_expiry(org, manager):
    invitation = invite(org, manager)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(1))
    invitation.refresh_from_db()
    invitation_resend(invitation=invitation, actor=manager.user)
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert len(mail.outbox) == 2 and link_in(mail.outbox[0]) != link_in(mail.outbox[1])
    assert AuditEvent.objects.filter(action="invitation.resent").count() == 1


def test_revoke_removes_the_invited_membership_and_the_unused_account(org, manager):
    invitation = invite(org, manager, "gone@acme.test")
    invitation_revoke(invitation=invitation, actor=manager.user)
    assert invitation.revoked_at is not None and invitation.membership is None
    assert not User.objects.filter(email="gone@acme.test").exists()
    assert AuditEvent.objects.filter(action="invitation.revoked", target="gone@acme.test").exists()
    with pytest.raises(ValidationError):
        invitation_resend(invitation=invitation, actor=manager.user)


def test_revoke_keeps_an_account_that_has_something_else(org, manager, make_member, make_org):
    other = make_member(make_org(), email="busy@acme.test")
    invitation_revoke(invitation=invite(org, manager, "busy@acme.test"), actor=manager.user)
    assert User.objects.filter(pk=other.user.pk).exists()
    assert not Membership.objects.filter(organization=org, user=other.user).exists()


# --- The e-mail ---------------------------------------------------------------------------------


def test_the_email_says_who_what_why_voluntary_link_and_expiry(org, manager, settings):
    settings.SITE_URL = "https://multiplier.example.org"
    invite(org, manager, name="Nina Nieuw", language="en")
    [message] = mail.outbox
    assert message.to == ["new@acme.test"]
    assert message.reply_to == ["manager@acme.test"]
    assert "Max Manager invites you" in message.subject and "Acme" in message.subject
    body = message.body
    assert "Hello Nina," in body
    assert "ambassador programme of Acme" in body
    assert "more visible in your field" in body  # what is in it for them
    assert "voluntary" in body
    assert "https://multiplier.example.org/invite/" in body
    assert "This link works until" in body and "ask Max Manager for a new one" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and link_in(message) in html and "voluntary" in html


def test_a_dutch_invitee_gets_a_dutch_email(org, manager):
    invite(org, manager, name="Nina", language="nl")
    [message] = mail.outbox
    assert "nodigt je uit" in message.subject
    assert "Hallo Nina," in message.body
    assert "vrijwillig" in message.body
    assert "voluntary" not in message.body
    assert "vrijwillig" in message.alternatives[0][0]


def test_the_email_goes_through_a_real_mail_server_and_its_link_works(
    org, manager, login, smtp_server, client
):
    response = login(manager).post(
        reverse("invitation_create", args=[org.slug]),
        {"email": "smtp@acme.test", "name": "Sam Smtp", "role": "ambassador", "language": "en"},
    )
    assert response.status_code == 302
    [message] = smtp_server.messages
    assert message["To"] == "smtp@acme.test"
    assert "Max Manager invites you" in message["Subject"]
    assert smtp_server.envelopes[0][1] == ["smtp@acme.test"]
    link = link_in(smtp_server.text(message))
    assert link in smtp_server.html(message)

    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and b"Choose a password" in page.content
    accepted = client.post(
        "/" + path, {"name": "Sam Smtp", "password": "a long passphrase 42", "language": "en"}
    )
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("org_home", args=[org.slug])
    assert Membership.objects.get(user__email="smtp@acme.test").status == MembershipStatus.ACTIVE


# --- The pages ----------------------------------------------------------------------------------


def test_invite_form_invites_and_lists_the_person(org, manager, login):
    client = login(manager)
    form = client.get(reverse("invitation_create", args=[org.slug]))
    assert form.context["form"]["language"].initial == "en"  # the organisation's language
    response = client.post(
        reverse("invitation_create", args=[org.slug]),
        {"email": "page@acme.test", "name": "Paula Page", "team": "HR", "role": "ambassador",
         "language": "nl"},
    )  # fmt: skip
    assert response.status_code == 302
    listing = client.get(response["Location"])
    assert b"page@acme.test" in listing.content and b"Paula Page" in listing.content
    assert b"Invitation sent to page@acme.test" in listing.content
    assert listing.context["counts"] == {"pending": 1, "expired": 0, "accepted": 0}


def test_invite_form_shows_field_errors(org, manager, ambassador, login):
    client = login(manager)
    url = reverse("invitation_create", args=[org.slug])
    bad = client.post(url, {"email": "not-an-address", "role": "ambassador", "language": "en"})
    assert bad.status_code == 200 and bad.context["form"].errors["email"]
    member = client.post(url, {"email": ambassador.user.email, "role": "ambassador",
                               "language": "en"})  # fmt: skip
    assert "already a member" in member.context["form"].errors["email"][0]
    assert not Invitation.objects.exists()


def test_the_admin_role_is_offered_to_admins_only(org, manager, admin, login):
    url = reverse("invitation_create", args=[org.slug])
    as_manager = login(manager).get(url).context["form"].fields["role"].choices
    assert "admin" not in [value for value, _label in as_manager]
    forged = login(manager).post(
        url, {"email": "boss@acme.test", "role": "admin", "language": "en"}
    )
    assert forged.status_code == 200 and forged.context["form"].errors["role"]
    assert not Invitation.objects.exists()
    ok = login(admin).post(url, {"email": "boss@acme.test", "role": "admin", "language": "en"})
    assert ok.status_code == 302
    assert Membership.objects.get(user__email="boss@acme.test").role == Role.ADMIN


def test_list_tabs_separate_pending_expired_and_accepted(org, manager, login, make_member):
    invite(org, manager, "pending@acme.test")
    expired = invite(org, manager, "expired@acme.test")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    accepted = invite(org, manager, "accepted@acme.test")
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    client = login(manager)
    url = reverse("invitation_list", args=[org.slug])
    for tab, email in [
        ("pending", b"pending@"),
        ("expired", b"expired@"),
        ("accepted", b"accepted@"),
    ]:
        page = client.get(url, {"status": tab})
        assert [i.email.encode().split(b"acme")[0] for i in page.context["page"]] == [email]
    assert page.context["counts"] == {"pending": 1, "expired": 1, "accepted": 1}
    assert (
        client.get(url, {"q": "expired", "status": "expired"}).context["page"].paginator.count == 1
    )
    assert client.get(url, {"q": "nobody"}).context["page"].paginator.count == 0


def test_empty_list_says_what_to_do(org, manager, login):
    page = login(manager).get(reverse("invitation_list", args=[org.slug]))
    assert b"No open invitations" in page.content
    assert reverse("invitation_create", args=[org.slug]).encode() in page.content
    assert reverse("invitation_import", args=[org.slug]).encode() in page.content


def test_resend_and_withdraw_buttons(org, manager, login):
    invitation = invite(org, manager, "buttons@acme.test")
    client = login(manager)
    listing = client.get(reverse("invitation_list", args=[org.slug])).content.decode()
    resend_url = reverse("invitation_resend", args=[org.slug, invitation.pk])
    revoke_url = reverse("invitation_revoke", args=[org.slug, invitation.pk])
    assert f'action="{resend_url}"' in listing and f'action="{revoke_url}"' in listing
    assert 'name="csrfmiddlewaretoken"' in listing

    assert client.get(resend_url).status_code == 405  # changes need a POST
    assert client.post(resend_url, {"status": "expired"})["Location"].endswith("?status=expired")
    assert len(mail.outbox) == 2
    assert client.post(revoke_url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    again = client.post(revoke_url, follow=True)
    assert b"already accepted or withdrawn" in again.content


def test_csrf_is_required_for_resend(org, manager):
    from django.test import Client

    invitation = invite(org, manager)
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager.user)
    response = client.post(reverse("invitation_resend", args=[org.slug, invitation.pk]))
    assert response.status_code == 403
    assert len(mail.outbox) == 1


def test_nav_and_manager_home_link_to_invitations(org, manager, login):
    client = login(manager)
    home = client.get(reverse("org_home", args=[org.slug])).content.decode()
    assert reverse("invitation_list", args=[org.slug]) in home
    assert reverse("invitation_create", args=[org.slug]) in home  # empty state: "Invite people"


@pytest.mark.parametrize(
    "name",
    ["invitation_list", "invitation_create", "invitation_import", "invitation_import_template"],
)
def test_ambassadors_get_403_and_outsiders_404(org, ambassador, outsider, login, name):
    url = reverse(name, args=[org.slug])
    assert login(ambassador).get(url).status_code == 403
    assert login(outsider).get(url).status_code == 404


def test_ambassador_cannot_resend_or_withdraw(org, manager, ambassador, login):
    invitation = invite(org, manager)
    client = login(ambassador)
    for name in ("invitation_resend", "invitation_revoke"):
        assert client.post(reverse(name, args=[org.slug, invitation.pk])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and invitation.send_count == 1


def test_another_organisations_invitation_is_404(org, other_org, manager, outsider, login):
    theirs = invite(other_org, outsider, "theirs@globex.test")
    client = login(manager)
    for name in ("invitation_resend", "invitation_revoke"):
        assert client.post(reverse(name, args=[org.slug, theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None and theirs.send_count == 1
