"""The organisation middleware, org_view and the access helpers."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from multiplier.core.access import membership_for
from multiplier.core.models import MembershipStatus
from multiplier.core.permissions import Perm, can

pytestmark = pytest.mark.django_db


def test_member_sees_their_organisation_home(login, ambassador):
    response = login(ambassador).get(reverse("org_home", args=["acme"]))
    assert response.status_code == 200
    assert b"Acme" in response.content


def test_anonymous_visitor_is_sent_to_login(client, org):
    response = client.get(reverse("org_home", args=[org.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_non_member_gets_404_same_as_missing_org(login, outsider, org):
    client = login(outsider)
    assert client.get(reverse("org_home", args=[org.slug])).status_code == 404
    assert client.get(reverse("org_home", args=["no-such-org"])).status_code == 404


def test_invited_but_not_accepted_gets_404(login, make_member, org):
    invited = make_member(org, status=MembershipStatus.INVITED)
    assert login(invited).get(reverse("org_home", args=[org.slug])).status_code == 404


def test_opted_out_member_sees_only_the_opted_out_page(login, make_member, org):
    member = make_member(org, status=MembershipStatus.OPTED_OUT)
    response = login(member).get(reverse("org_home", args=[org.slug]))
    assert response.status_code == 200
    assert b"You have opted out" in response.content
    assert not can(member, Perm.USE_PROGRAMME)


def test_manager_home_counts_opted_out_only_as_invited(login, manager, make_member, org):
    make_member(org, status=MembershipStatus.OPTED_OUT)
    make_member(org)
    response = login(manager).get(reverse("org_home", args=[org.slug]))
    assert response.context["counts"]["invited"] == 3
    assert response.context["counts"]["active"] == 2


def test_access_helper_gives_404_for_foreign_and_missing(org, other_org, ambassador, outsider):
    assert membership_for(org, ambassador.pk) == ambassador
    with pytest.raises(Http404):
        membership_for(org, outsider.pk)
    with pytest.raises(Http404):
        membership_for(org, 10**9)
    with pytest.raises(Http404):
        membership_for(org, "not-a-number")


def test_root_sends_member_to_their_organisation(login, ambassador):
    response = login(ambassador).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("org_home", args=["acme"])


def test_root_without_organisation_explains_invitations(login, django_user_model):
    user = django_user_model.objects.create_user(email="lonely@example.com", password="x")
    response = login(user).get("/")
    assert response.status_code == 200
    assert b"by invitation" in response.content


@pytest.mark.parametrize(
    ("role", "perm", "allowed"),
    [
        ("admin", Perm.MANAGE_MEMBERS, True),
        ("manager", Perm.MANAGE_MEMBERS, False),
        ("manager", Perm.INVITE_MEMBERS, True),
        ("ambassador", Perm.INVITE_MEMBERS, False),
        ("ambassador", Perm.USE_PROGRAMME, True),
        ("manager", Perm.MANAGE_SETTINGS, False),
    ],
)
def test_role_permissions(request, role, perm, allowed):
    assert can(request.getfixturevalue(role), perm) is allowed


def test_security_headers(client, db):
    response = client.get(reverse("account_login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_org_pages_show_times_in_the_organisation_time_zone(login, ambassador, org):
    from django.utils import timezone

    org.time_zone = "America/New_York"
    org.save()
    response = login(ambassador).get(reverse("org_home", args=[org.slug]))
    assert response.status_code == 200
    assert response.context["TIME_ZONE"] == "America/New_York"
    assert timezone.get_current_timezone_name() == "UTC"  # reset after the request
