"""Two-factor authentication demanded by an organisation, end to end with allauth's real views.

Codes are computed from the secret allauth shows, with allauth's own TOTP functions: what an
authenticator app does.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from multiplier.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def log_in(email: str) -> tuple[Client, object]:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    return client, response


@pytest.fixture
def strict_org(org):
    org.require_mfa_for_staff = True
    org.save()
    return org


def activate_totp(client: Client) -> str:
    activate = reverse("mfa_activate_totp")
    page = client.get(activate)
    # allauth asks for the password again before a security change (MFA_REAUTHENTICATION_*).
    assert (
        page["Location"]
        == f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    confirm = client.post(
        reverse("account_reauthenticate"), {"password": PASSWORD, "next": activate}
    )
    assert confirm["Location"] == activate
    page = client.get(activate)
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert secret in page.content.decode()  # shown, for apps that cannot scan the QR code
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.context["form"].errors
    return secret


def test_manager_sets_up_totp_returns_where_they_were_and_is_asked_at_next_login(
    strict_org, manager, django_capture_on_commit_callbacks
):
    client, _ = log_in("manager@acme.test")
    members = reverse("members", args=["acme"])
    required = reverse("org_mfa_required", args=["acme"])

    # Every page of the organisation sends the manager to the explanation first.
    response = client.get(members)
    assert response.status_code == 302
    assert response["Location"] == f"{required}?next=%2Fo%2Facme%2Fmembers%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'href="{reverse("mfa_activate_totp")}"' in page.content.decode()

    # allauth's activation, with a code from the secret it shows.
    with django_capture_on_commit_callbacks(execute=True):
        secret = activate_totp(client)
    assert Authenticator.objects.filter(user=manager.user, type="totp").exists()
    assert AuditEvent.objects.filter(
        action="auth.mfa_enabled", actor=manager.user, data={"method": "totp"}
    ).exists()

    # The new recovery codes are shown, then "continue" leads back to the members page.
    codes_url = reverse("mfa_view_recovery_codes")
    codes = client.get(codes_url)
    continue_url = reverse("mfa_setup_continue")
    assert f'href="{continue_url}"' in codes.content.decode()
    response = client.get(continue_url)
    assert response["Location"] == members
    assert client.get(members).status_code == 200
    # Used once: the recovery codes page no longer offers the way back.
    assert continue_url not in client.get(codes_url).content.decode()

    # Next login: the password alone is not enough.
    client.post(reverse("account_logout"))
    client, response = log_in("manager@acme.test")
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(members)["Location"].startswith(reverse("account_login"))
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert AuditEvent.objects.filter(action="auth.mfa_failed", actor=manager.user).exists()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(members).status_code == 200


def test_a_code_cannot_be_used_twice_to_log_in(strict_org, manager):
    client, _ = log_in("manager@acme.test")
    secret = activate_totp(client)
    code = totp_code(secret)
    first, _ = log_in("manager@acme.test")
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    second, _ = log_in("manager@acme.test")
    assert second.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
    assert second.get(reverse("members", args=["acme"])).status_code == 302


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_without_totp_are_stopped(request, strict_org, login, who):
    response = login(request.getfixturevalue(who)).get(reverse("org_home", args=["acme"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("org_mfa_required", args=["acme"]))


@pytest.mark.parametrize("who", ["ambassador", "leader"])
def test_ambassadors_are_never_asked(request, strict_org, login, who):
    response = login(request.getfixturevalue(who)).get(reverse("org_home", args=["acme"]))
    assert response.status_code == 200


def test_no_requirement_no_question(org, login, manager):
    assert login(manager).get(reverse("members", args=["acme"])).status_code == 200


def test_the_requirement_is_per_organisation(strict_org, other_org, make_member, login, manager):
    make_member(other_org, role="manager", email="manager@acme.test")
    client = login(manager)
    assert client.get(reverse("org_home", args=["globex"])).status_code == 200
    assert client.get(reverse("org_home", args=["acme"])).status_code == 302


def test_the_way_back_never_leaves_the_site(strict_org, login, manager):
    client = login(manager)
    required = reverse("org_mfa_required", args=["acme"])
    for evil in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        client.get(f"{required}?next={evil}")
        assert client.get(reverse("mfa_setup_continue"))["Location"] == "/o/acme/"


def test_someone_who_already_has_totp_goes_straight_on(strict_org, manager):
    client, _ = log_in("manager@acme.test")
    activate_totp(client)
    required = reverse("org_mfa_required", args=["acme"])
    response = client.get(f"{required}?next=/o/acme/members/")
    assert response["Location"] == "/o/acme/members/"


@pytest.mark.parametrize("who", ["ambassador", "manager"])
def test_the_explanation_is_only_for_those_it_applies_to(request, org, login, who):
    """Ambassadors (and anyone in an organisation without the requirement) who open the page
    anyway are sent on instead of being told to set something up."""
    client = login(request.getfixturevalue(who))
    response = client.get(reverse("org_mfa_required", args=["acme"]))
    assert response["Location"] == "/o/acme/"
