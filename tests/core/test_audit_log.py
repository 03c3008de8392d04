"""The organisation's audit log page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from multiplier.core.audit import audit
from multiplier.core.models import AuditEvent, MembershipStatus
from multiplier.core.services.members import membership_change_role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def audit_url(org, **params) -> str:
    from urllib.parse import urlencode

    url = reverse("audit_log", args=[org.slug])
    return f"{url}?{urlencode(params)}" if params else url


def shown(response) -> list[tuple[str, str]]:
    return [(row["event"].action, row["event"].target) for row in response.context["rows"]]


def real_login(email: str, password: str) -> Client:
    client = Client()
    client.post(reverse("account_login"), {"login": email, "password": password})
    return client


@pytest.mark.parametrize("who", ["manager", "ambassador", "leader"])
def test_only_admins_see_the_audit_log(request, login, who, org):
    assert login(request.getfixturevalue(who)).get(audit_url(org)).status_code == 403


def test_outsider_gets_404(login, outsider, org):
    assert login(outsider).get(audit_url(org)).status_code == 404


def test_shows_this_organisations_events_and_its_members_logins_only(
    login, admin, ambassador, outsider, org, other_org, django_user_model
):
    real_login("ambassador@acme.test", PASSWORD)
    real_login("AMBASSADOR@acme.test", "wrong password")
    real_login("outsider@globex.test", PASSWORD)
    real_login("outsider@globex.test", "wrong password")
    real_login("stranger@example.com", "whatever")
    audit("organization.updated", actor=outsider.user, organization=other_org, target="Globex")
    membership_change_role(membership=ambassador, role="manager", by=admin)
    AuditEvent.objects.filter(actor=admin.user, action="auth.login").delete()

    events = shown(login(admin).get(audit_url(org)))
    assert ("member.role_changed", "ambassador@acme.test") in events
    assert ("auth.login", "ambassador@acme.test") in events
    assert ("auth.login_failed", "ambassador@acme.test") in events
    assert not [target for _, target in events if "globex" in target or "stranger" in target]
    assert ("organization.updated", "Globex") not in events


def test_login_events_of_opted_out_members_are_still_shown_to_admins(
    login, admin, make_member, org
):
    make_member(org, email="gone@acme.test", status=MembershipStatus.OPTED_OUT)
    real_login("gone@acme.test", "wrong password")
    assert ("auth.login_failed", "gone@acme.test") in shown(login(admin).get(audit_url(org)))


def test_filter_by_action(login, admin, ambassador, org):
    real_login("ambassador@acme.test", "wrong password")
    membership_change_role(membership=ambassador, role="manager", by=admin)
    client = login(admin)
    response = client.get(audit_url(org, action="member.role_changed"))
    assert shown(response) == [("member.role_changed", "ambassador@acme.test")]
    assert ("member.role_changed", "Role changed") in response.context["actions"]
    # An action that does not occur here is ignored rather than showing an empty log.
    response = client.get(audit_url(org, action="no.such_action"))
    assert len(shown(response)) == 3  # the role change, the failed login, the admin's login


def test_actions_and_details_are_human_readable_and_translated(login, admin, ambassador, org):
    membership_change_role(membership=ambassador, role="admin", by=admin)
    client = login(admin)
    content = client.get(audit_url(org)).content.decode()
    assert "Role changed" in content
    assert "role: Ambassador → Admin" in content

    admin.user.language = "nl"
    admin.user.save()
    content = client.get(audit_url(org)).content.decode()
    assert "Rol gewijzigd" in content
    assert "rol: Ambassadeur → Beheerder" in content


def test_times_are_shown_in_the_organisations_time_zone(login, admin, org):
    event = audit("organization.updated", actor=admin.user, organization=org, target="Acme")
    AuditEvent.objects.filter(pk=event.pk).update(
        created_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    )
    client = login(admin)
    content = client.get(audit_url(org, action="organization.updated")).content.decode()
    assert "15 Jan 2026 13:00" in content  # Europe/Amsterdam, winter time
    assert "Times are in Europe/Amsterdam" in content

    org.time_zone = "America/New_York"
    org.save()
    content = client.get(audit_url(org, action="organization.updated")).content.decode()
    assert "15 Jan 2026 07:00" in content


def test_no_password_is_ever_stored(admin, ambassador):
    real_login("ambassador@acme.test", "my secret guess 123")
    client = real_login("ambassador@acme.test", PASSWORD)
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a brand new secret 456",
            "password2": "a brand new secret 456",
        },
    )
    assert AuditEvent.objects.filter(action="auth.password_changed").exists()
    for event in AuditEvent.objects.all():
        stored = f"{event.target} {event.actor_label} {event.data}"
        for secret in ("my secret guess 123", PASSWORD, "a brand new secret 456"):
            assert secret not in stored


def test_pagination(login, admin, org):
    for n in range(60):
        audit("member.team_changed", actor=admin.user, organization=org, target=f"p{n}@acme.test")
    client = login(admin)
    first = client.get(audit_url(org, action="member.team_changed"))
    assert len(shown(first)) == 50
    assert shown(first)[0] == ("member.team_changed", "p59@acme.test")
    second = client.get(audit_url(org, action="member.team_changed", page=2))
    assert len(shown(second)) == 10


def test_empty_log_explains_what_will_appear(login, admin, org):
    client = login(admin)
    AuditEvent.objects.all().delete()
    response = client.get(audit_url(org))
    assert (
        "Logins, role changes and changes to the settings appear here" in response.content.decode()
    )


def test_the_audit_log_is_in_the_admin_menu_only(login, admin, manager, org):
    link = f'href="{audit_url(org)}"'
    assert link in login(admin).get(reverse("org_home", args=[org.slug])).content.decode()
    assert link not in login(manager).get(reverse("org_home", args=[org.slug])).content.decode()


def test_invitations_and_opting_out_read_as_words_not_codes(login, admin, ambassador, org):
    from multiplier.accounts.services.invitations import Invitee, invitation_create
    from multiplier.accounts.services.membership import membership_opt_out

    invitation_create(
        organization=org, inviter=admin, invitee=Invitee(email="new@acme.test"), deliver=False
    )
    membership_opt_out(membership=ambassador, by=ambassador.user)
    audit("invitation_import.finished", actor=admin.user, organization=org, target="staff.csv",
          invited=3, resent=1, skipped=0)  # fmt: skip
    table = login(admin).get(audit_url(org)).content.decode().split("<table", 1)[1]
    for label in ("Invited", "Opted out", "Import of invitations finished", "invited again: 1"):
        assert label in table, label
    for code in ("invitation.created", "member.opted_out", "invitation_import.finished", "resent:"):
        assert code not in table, code
