"""Opting out and in again: one click each, audited, idempotent, and respected everywhere."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from multiplier.accounts.services.membership import membership_opt_in, membership_opt_out
from multiplier.core.models import AuditEvent, Membership, MembershipStatus
from multiplier.core.selectors import member_counts

pytestmark = pytest.mark.django_db

OPT_OUT = reverse("opt_out", args=["acme"])
OPT_IN = reverse("opt_in", args=["acme"])
HOME = reverse("org_home", args=["acme"])
PROFILE = reverse("profile", args=["acme"])


def test_one_click_opts_out_and_shows_the_opted_out_home(login, ambassador):
    client = login(ambassador)
    response = client.post(OPT_OUT)
    assert response.status_code == 302
    assert response["Location"] == HOME
    ambassador.refresh_from_db()
    assert ambassador.status == MembershipStatus.OPTED_OUT
    assert ambassador.status_changed_at is not None

    content = client.get(HOME).content.decode()
    assert "You have opted out" in content
    assert f'action="{OPT_IN}"' in content  # the one-click way back


def test_opting_out_is_audited_once_however_often_it_is_clicked(login, ambassador):
    client = login(ambassador)
    client.post(OPT_OUT)
    client.post(OPT_OUT)
    events = AuditEvent.objects.filter(action="member.opted_out")
    assert events.count() == 1
    event = events.get()
    assert (event.actor, event.organization) == (ambassador.user, ambassador.organization)


def test_opt_out_needs_a_post(login, ambassador):
    assert login(ambassador).get(OPT_OUT).status_code == 405
    ambassador.refresh_from_db()
    assert ambassador.status == MembershipStatus.ACTIVE


def test_opt_out_is_protected_against_cross_site_requests(ambassador):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ambassador.user)
    assert client.post(OPT_OUT).status_code == 403
    ambassador.refresh_from_db()
    assert ambassador.status == MembershipStatus.ACTIVE


def test_opting_out_of_one_organisation_leaves_the_other(login, ambassador, make_member, other_org):
    elsewhere = make_member(other_org, email=ambassador.user.email)
    login(ambassador).post(OPT_OUT)
    elsewhere.refresh_from_db()
    assert elsewhere.status == MembershipStatus.ACTIVE


# --- The invariant: counted nowhere but in "invited" -------------------------------------------


def test_opted_out_member_is_not_participating_and_counts_only_as_invited(
    admin, manager, ambassador, leader, org
):
    before = member_counts(org)
    membership_opt_out(membership=leader, by=leader.user)

    assert leader not in Membership.objects.participating()
    assert ambassador in Membership.objects.participating()
    after = member_counts(org)
    assert after["invited"] == before["invited"] == 4
    assert after["active"] == before["active"] - 1
    assert after["onboarded"] == before["onboarded"] - 1
    assert after["leaders"] == before["leaders"] - 1 == 0


def test_manager_home_counts_leave_the_opted_out_member_out(login, manager, ambassador):
    login(ambassador).post(OPT_OUT)
    counts = login(manager).get(HOME).context["counts"]
    assert counts["invited"] == 2
    assert counts["active"] == 1
    assert counts["onboarded"] == 1


def test_opted_out_member_gets_no_programme_pages_but_their_profile(login, ambassador):
    client = login(ambassador)
    client.post(OPT_OUT)
    # A page of the programme (perm USE_PROGRAMME): 403, explaining how to come back.
    response = client.get(reverse("onboarding_step", args=["acme", "welcome"]))
    assert response.status_code == 403
    assert "opt in again from your profile" in response.content.decode()
    # The home is the opted-out page, not the programme.
    response = client.get(HOME)
    assert response.templates[0].name == "core/opted_out_home.html"
    assert client.get(PROFILE).status_code == 200


def test_opted_out_manager_loses_the_managers_overview(login, manager):
    client = login(manager)
    client.post(OPT_OUT)
    response = client.get(HOME)
    assert "counts" not in response.context
    assert "You have opted out" in response.content.decode()


# --- Opting in again ---------------------------------------------------------------------------


def test_one_click_opts_in_again_and_returns_to_the_programme(login, ambassador):
    client = login(ambassador)
    client.post(OPT_OUT)
    response = client.post(OPT_IN, follow=True)
    ambassador.refresh_from_db()
    assert ambassador.status == MembershipStatus.ACTIVE
    # Onboarding was finished before, so straight back to the home.
    assert response.redirect_chain == [(HOME, 302)]
    assert "Welcome back!" in response.content.decode()
    assert AuditEvent.objects.filter(action="member.opted_in").count() == 1


def test_opting_in_again_resumes_onboarding_if_it_was_never_finished(login, make_member, org):
    member = make_member(org, onboarded=False)
    client = login(member)
    client.post(OPT_OUT)
    response = client.post(OPT_IN, follow=True)
    assert [url for url, _status in response.redirect_chain][:2] == [
        HOME,
        reverse("onboarding", args=["acme"]),
    ]


def test_opting_in_when_taking_part_changes_nothing(login, ambassador):
    login(ambassador).post(OPT_IN)
    assert not AuditEvent.objects.filter(action="member.opted_in").exists()


def test_services_are_idempotent_and_refuse_invitations(ambassador, make_member, org):
    assert membership_opt_out(membership=ambassador, by=ambassador.user) is True
    assert membership_opt_out(membership=ambassador, by=ambassador.user) is False
    assert ambassador.status == MembershipStatus.OPTED_OUT  # in memory too
    assert membership_opt_in(membership=ambassador, by=ambassador.user) is True
    assert membership_opt_in(membership=ambassador, by=ambassador.user) is False

    invited = make_member(org, status=MembershipStatus.INVITED)
    with pytest.raises(ValueError):
        membership_opt_in(membership=invited, by=invited.user)
    with pytest.raises(ValueError):
        membership_opt_out(membership=invited, by=invited.user)
    invited.refresh_from_db()
    assert invited.status == MembershipStatus.INVITED
