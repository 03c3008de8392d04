"""The members page, one member's page and the services behind them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from multiplier.core.models import AuditEvent, Membership, MembershipStatus, Role
from multiplier.core.services.members import (
    membership_change_role,
    membership_remove,
    membership_set_leader,
    membership_set_team,
)

pytestmark = pytest.mark.django_db


def members_url(org, **params) -> str:
    from urllib.parse import urlencode

    url = reverse("members", args=[org.slug])
    return f"{url}?{urlencode(params)}" if params else url


def detail_url(member) -> str:
    return reverse("member_detail", args=[member.organization.slug, member.pk])


def listed(response) -> list[str]:
    return [m.user.email for m in response.context["page"]]


# --- Who may see what ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_see_the_members_of_their_organisation(request, login, who, ambassador, leader):
    response = login(request.getfixturevalue(who)).get(members_url(ambassador.organization))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Amber Ambassador" in content
    assert "ambassador@acme.test" in content
    assert "Sales" in content
    assert "Lee Leader" in content


@pytest.mark.parametrize("who", ["ambassador", "leader"])
def test_ambassadors_may_not_see_the_members(request, login, who, org):
    member = request.getfixturevalue(who)
    assert login(member).get(members_url(org)).status_code == 403
    assert login(member).get(detail_url(member)).status_code == 403


def test_outsider_gets_404_for_list_and_member(login, outsider, org, ambassador):
    client = login(outsider)
    assert client.get(members_url(org)).status_code == 404
    assert client.get(detail_url(ambassador)).status_code == 404


def test_member_of_another_organisation_is_404_on_our_pages(login, admin, outsider):
    url = reverse("member_detail", args=[admin.organization.slug, outsider.pk])
    assert login(admin).get(url).status_code == 404


def test_other_organisations_members_are_not_listed(login, admin, outsider):
    response = login(admin).get(members_url(admin.organization))
    assert "outsider@globex.test" not in listed(response)


# --- Opt-in -------------------------------------------------------------------------------------


def test_opted_out_members_are_not_listed_but_counted_as_not_shown(login, admin, make_member, org):
    make_member(org, email="gone@acme.test", name="Gone Person", status=MembershipStatus.OPTED_OUT)
    response = login(admin).get(members_url(org))
    assert "gone@acme.test" not in listed(response)
    assert "Gone Person" not in response.content.decode()
    assert "1 person opted out (not shown)" in response.content.decode()


def test_partial_search_never_reveals_an_opted_out_member(login, admin, make_member, org):
    make_member(org, email="gone@acme.test", name="Gone Person", status=MembershipStatus.OPTED_OUT)
    for query in ["gone", "Gone Person", "acme.test", "gone@acme"]:
        response = login(admin).get(members_url(org, q=query))
        assert "gone@acme.test" not in listed(response), query


def test_admin_finds_an_opted_out_member_by_exact_email_and_can_remove_them(
    login, admin, make_member, org
):
    gone = make_member(org, email="gone@acme.test", status=MembershipStatus.OPTED_OUT)
    client = login(admin)
    response = client.get(members_url(org, q="  Gone@Acme.test "))
    assert listed(response) == ["gone@acme.test"]
    assert client.get(detail_url(gone)).status_code == 200
    response = client.post(detail_url(gone), {"action": "remove"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=gone.pk).exists()


def test_manager_never_finds_an_opted_out_member(login, manager, make_member, org):
    gone = make_member(org, email="gone@acme.test", status=MembershipStatus.OPTED_OUT)
    client = login(manager)
    assert listed(client.get(members_url(org, q="gone@acme.test"))) == []
    assert client.get(detail_url(gone)).status_code == 404


def test_status_filter_cannot_list_opted_out_members(login, admin, make_member, org):
    make_member(org, email="gone@acme.test", status=MembershipStatus.OPTED_OUT)
    response = login(admin).get(members_url(org, status=MembershipStatus.OPTED_OUT))
    assert "gone@acme.test" not in listed(response)


# --- Search, filters, sort, pagination, counts --------------------------------------------------


def test_search_by_name_or_email(login, admin, ambassador, leader, org):
    client = login(admin)
    assert listed(client.get(members_url(org, q="amber"))) == ["ambassador@acme.test"]
    assert listed(client.get(members_url(org, q="LEADER@acme"))) == ["leader@acme.test"]


def test_filters_by_team_role_status_and_leaders(
    login, admin, manager, ambassador, leader, make_member, org
):
    make_member(org, email="new@acme.test", team="Sales", status=MembershipStatus.INVITED)
    client = login(admin)
    assert sorted(listed(client.get(members_url(org, team="Sales")))) == [
        "ambassador@acme.test",
        "new@acme.test",
    ]
    assert listed(client.get(members_url(org, role=Role.MANAGER))) == ["manager@acme.test"]
    assert listed(client.get(members_url(org, status=MembershipStatus.INVITED))) == [
        "new@acme.test"
    ]
    assert listed(client.get(members_url(org, leaders="on"))) == ["leader@acme.test"]
    combined = client.get(members_url(org, team="Sales", status=MembershipStatus.ACTIVE))
    assert listed(combined) == ["ambassador@acme.test"]


def test_team_filter_offers_the_teams_in_use(login, admin, ambassador, leader, org):
    response = login(admin).get(members_url(org))
    assert [value for value, _ in response.context["form"].fields["team"].choices] == [
        "",
        "Board",
        "Sales",
    ]


def test_unknown_filter_values_are_ignored(login, admin, ambassador, org):
    response = login(admin).get(members_url(org, role="emperor", sort="nonsense", page="x"))
    assert response.status_code == 200
    assert "ambassador@acme.test" in listed(response)


def test_sort_by_name_both_ways_and_by_joined(login, admin, make_member, org):
    from datetime import timedelta

    from django.utils import timezone

    zed = make_member(org, name="Zed Zulu", email="zed@acme.test")
    make_member(org, name="Bob Bravo", email="bob@acme.test")
    Membership.objects.filter(pk=zed.pk).update(joined_at=timezone.now() + timedelta(days=1))
    client = login(admin)
    assert listed(client.get(members_url(org, sort="name"))) == [
        "admin@acme.test",
        "bob@acme.test",
        "zed@acme.test",
    ]
    assert listed(client.get(members_url(org, sort="-name")))[0] == "zed@acme.test"
    assert listed(client.get(members_url(org, sort="-joined")))[0] == "zed@acme.test"


def test_pagination_keeps_the_filters(login, admin, make_member, org):
    for n in range(30):
        make_member(org, email=f"p{n:02}@acme.test", name=f"P {n:02}", team="Ops")
    client = login(admin)
    first = client.get(members_url(org, team="Ops"))
    assert len(listed(first)) == 25
    assert 'href="?team=Ops&amp;page=2"' in first.content.decode()
    second = client.get(members_url(org, team="Ops", page=2))
    assert len(listed(second)) == 5
    assert set(listed(first)).isdisjoint(listed(second))


def test_counts_per_status(login, manager, ambassador, leader, make_member, org):
    make_member(org, status=MembershipStatus.INVITED)
    make_member(org, status=MembershipStatus.OPTED_OUT)
    make_member(org, status=MembershipStatus.OPTED_OUT)
    response = login(manager).get(members_url(org))
    assert response.context["counts"] == {"active": 3, "invited": 1, "opted_out": 2, "leaders": 1}
    assert "2 people opted out (not shown)" in response.content.decode()


def test_alone_in_the_organisation_the_page_explains_invitations(login, make_org, make_member):
    lonely = make_member(make_org("Solo"), role=Role.ADMIN)
    response = login(lonely).get(members_url(lonely.organization))
    assert "Invite your colleagues" in response.content.decode()
    assert "Invitations in the menu" in response.content.decode()


def test_a_search_without_results_says_so(login, admin, ambassador, org):
    response = login(admin).get(members_url(org, q="nobody-like-this"))
    content = response.content.decode()
    assert "Nobody matches" in content
    assert "Invite your colleagues" not in content


# --- One member: reading and changing -----------------------------------------------------------


def test_manager_sees_a_member_read_only_and_cannot_post(login, manager, ambassador):
    client = login(manager)
    response = client.get(detail_url(ambassador))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert b"Remove Amber" not in response.content
    response = client.post(detail_url(ambassador), {"role": Role.ADMIN, "team": "", "action": ""})
    assert response.status_code == 403
    response = client.post(detail_url(ambassador), {"action": "remove"})
    assert response.status_code == 403
    ambassador.refresh_from_db()
    assert ambassador.role == Role.AMBASSADOR


def test_admin_changes_role_leader_and_team_with_audit(login, admin, ambassador, org):
    client = login(admin)
    page = client.get(detail_url(ambassador))
    assert b'<datalist id="team-options"><option value="Sales">' in page.content
    response = client.post(
        detail_url(ambassador), {"role": Role.MANAGER, "is_leader": "on", "team": " Marketing  EU "}
    )
    assert response.status_code == 302
    ambassador.refresh_from_db()
    assert (ambassador.role, ambassador.is_leader, ambassador.team) == (
        Role.MANAGER,
        True,
        "Marketing EU",
    )
    events = {e.action: e for e in AuditEvent.objects.filter(organization=org)}
    assert events["member.role_changed"].data == {"role": {"from": "ambassador", "to": "manager"}}
    assert events["member.leader_changed"].data == {"is_leader": {"from": False, "to": True}}
    assert events["member.team_changed"].data == {"team": {"from": "Sales", "to": "Marketing EU"}}
    assert {e.actor_id for e in events.values()} == {admin.user_id}
    assert {e.target for e in events.values()} == {"ambassador@acme.test"}


def test_saving_without_changes_writes_no_audit_entry(login, admin, ambassador, org):
    login(admin).post(detail_url(ambassador), {"role": Role.AMBASSADOR, "team": "Sales"})
    assert not AuditEvent.objects.filter(organization=org).exists()


def test_admin_grants_admin(login, admin, manager):
    login(admin).post(detail_url(manager), {"role": Role.ADMIN, "team": ""})
    manager.refresh_from_db()
    assert manager.role == Role.ADMIN


def test_the_last_admin_cannot_be_demoted_and_nothing_changes(login, admin, org):
    response = login(admin).post(
        detail_url(admin), {"role": Role.AMBASSADOR, "is_leader": "on", "team": "Board"}
    )
    assert response.status_code == 200
    assert "the only admin of this organisation" in response.content.decode()
    admin.refresh_from_db()
    assert (admin.role, admin.is_leader, admin.team) == (Role.ADMIN, False, "")
    assert not AuditEvent.objects.filter(organization=org).exists()


def test_an_admin_cannot_demote_themselves_even_with_another_admin(login, admin, make_member, org):
    make_member(org, role=Role.ADMIN)
    response = login(admin).post(detail_url(admin), {"role": Role.MANAGER, "team": ""})
    assert "You cannot change your own role: ask another admin." in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_an_admin_may_change_their_own_team(login, admin):
    login(admin).post(detail_url(admin), {"role": Role.ADMIN, "team": "Board"})
    admin.refresh_from_db()
    assert admin.team == "Board"


def test_bad_input_gives_field_errors_and_changes_nothing(login, admin, ambassador):
    client = login(admin)
    response = client.post(detail_url(ambassador), {"role": "emperor", "team": "x" * 121})
    assert response.status_code == 200
    form = response.context["form"]
    assert "role" in form.errors
    assert "team" in form.errors
    ambassador.refresh_from_db()
    assert (ambassador.role, ambassador.team) == (Role.AMBASSADOR, "Sales")
    # The facts on the page still show the saved values.
    assert "Sales" in response.content.decode()


# --- Removing -----------------------------------------------------------------------------------


def test_admin_removes_a_member_with_confirmation_and_audit(login, admin, ambassador, org):
    client = login(admin)
    page = client.get(detail_url(ambassador)).content.decode()
    assert 'data-confirm="Remove Amber Ambassador from Acme?"' in page
    response = client.post(detail_url(ambassador), {"action": "remove"})
    assert response.status_code == 302
    assert response["Location"] == members_url(org)
    assert not Membership.objects.filter(pk=ambassador.pk).exists()
    assert ambassador.user.__class__.objects.filter(pk=ambassador.user_id).exists()
    event = AuditEvent.objects.get(action="member.removed")
    assert event.organization == org
    assert event.target == "ambassador@acme.test"
    assert event.data == {"role": "ambassador", "team": "Sales", "status": "active"}
    # The removed person no longer gets in.
    assert login(ambassador.user).get(reverse("org_home", args=[org.slug])).status_code == 404


def test_an_admin_cannot_remove_themselves(login, admin, make_member, org):
    make_member(org, role=Role.ADMIN)
    client = login(admin)
    assert b"You cannot remove yourself here" in client.get(detail_url(admin)).content
    response = client.post(detail_url(admin), {"action": "remove"}, follow=True)
    assert "You cannot remove yourself from the organisation here" in response.content.decode()
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_the_last_admin_cannot_be_removed(admin):
    with pytest.raises(ValidationError) as refused:
        membership_remove(membership=admin, by=admin)
    assert refused.value.code == "last_admin"
    assert Membership.objects.filter(pk=admin.pk).exists()


# --- Services -----------------------------------------------------------------------------------


def test_services_refuse_people_who_may_not_manage_members(manager, ambassador, outsider):
    for by in (manager, outsider):
        with pytest.raises(PermissionDenied):
            membership_change_role(membership=ambassador, role=Role.ADMIN, by=by)
        with pytest.raises(PermissionDenied):
            membership_set_leader(membership=ambassador, is_leader=True, by=by)
        with pytest.raises(PermissionDenied):
            membership_set_team(membership=ambassador, team="X", by=by)
        with pytest.raises(PermissionDenied):
            membership_remove(membership=ambassador, by=by)
    ambassador.refresh_from_db()
    assert (ambassador.role, ambassador.is_leader, ambassador.team) == (
        Role.AMBASSADOR,
        False,
        "Sales",
    )


def test_two_admins_demoting_each_other_leave_one_admin(admin, make_member, org):
    other = make_member(org, role=Role.ADMIN)
    membership_change_role(membership=other, role=Role.MANAGER, by=admin)
    # `other` still holds its old (admin) copy of itself, as a request started earlier would.
    with pytest.raises(ValidationError) as refused:
        membership_change_role(membership=admin, role=Role.MANAGER, by=other)
    assert refused.value.code == "last_admin"
    assert Membership.objects.filter(organization=org, role=Role.ADMIN).count() == 1


def test_an_opted_out_admin_does_not_count_as_an_admin(admin, make_member, org):
    make_member(org, role=Role.ADMIN, status=MembershipStatus.OPTED_OUT)
    with pytest.raises(ValidationError):
        membership_change_role(membership=admin, role=Role.MANAGER, by=admin)


def test_unknown_role_is_refused(admin, ambassador):
    with pytest.raises(ValidationError):
        membership_change_role(membership=ambassador, role="emperor", by=admin)


def test_members_is_in_the_menu_of_staff_only(login, admin, manager, ambassador, org):
    link = f'href="{members_url(org)}"'
    home = reverse("org_home", args=[org.slug])
    assert link in login(admin).get(home).content.decode()
    assert link in login(manager).get(home).content.decode()
    assert link not in login(ambassador).get(home).content.decode()


def test_the_members_page_in_dutch(login, admin, ambassador, make_member, org):
    make_member(org, status=MembershipStatus.OPTED_OUT)
    admin.user.language = "nl"
    admin.user.save()
    content = login(admin).get(members_url(org)).content.decode()
    assert "Leden" in content
    assert "1 persoon heeft zich afgemeld (niet getoond)." in content
