"""Brute-force protection (allauth's rate limits as configured in settings) and the audit trail
of logins."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from multiplier.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

BLOCKED = "Too many failed login attempts. Try again later."


def attempt(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_configured_limits_are_the_ones_tested_here():
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


def test_wrong_passwords_get_the_account_blocked_even_for_the_right_password(ambassador):
    client = Client()
    for _ in range(5):
        response = attempt(client, "ambassador@acme.test", "wrong")
        assert response.status_code == 200
        assert BLOCKED not in response.content.decode()
        assert "not correct" in response.content.decode()
    response = attempt(client, "ambassador@acme.test", "wrong")
    assert BLOCKED in response.content.decode()
    # The right password does not help while the block lasts, from any browser.
    for other in (client, Client(REMOTE_ADDR="10.0.0.2")):
        response = attempt(other, "ambassador@acme.test", PASSWORD)
        assert response.status_code == 200
        assert BLOCKED in response.content.decode()
        assert not is_logged_in(other)


def test_the_block_is_per_account(ambassador, leader):
    client = Client()
    for _ in range(6):
        attempt(client, "ambassador@acme.test", "wrong")
    response = attempt(Client(REMOTE_ADDR="10.0.0.3"), "leader@acme.test", PASSWORD)
    assert response.status_code == 302


def test_one_address_trying_many_accounts_is_blocked(ambassador, make_member, org):
    client = Client(REMOTE_ADDR="10.0.0.9")
    for n in range(10):
        response = attempt(client, f"guess{n}@acme.test", "wrong")
        assert BLOCKED not in response.content.decode()
    response = attempt(client, "ambassador@acme.test", PASSWORD)
    assert BLOCKED in response.content.decode()
    assert not is_logged_in(client)
    # Someone else, elsewhere, is not affected.
    assert (
        attempt(Client(REMOTE_ADDR="10.0.0.10"), "ambassador@acme.test", PASSWORD).status_code
        == 302
    )


def test_a_successful_login_does_not_reset_the_failure_count(ambassador):
    """An attacker who also knows one valid login must not be able to interleave it."""
    client = Client()
    for _ in range(4):
        attempt(client, "ambassador@acme.test", "wrong")
    assert attempt(Client(), "ambassador@acme.test", PASSWORD).status_code == 302
    attempt(client, "ambassador@acme.test", "wrong")
    assert BLOCKED in attempt(client, "ambassador@acme.test", "wrong").content.decode()


def test_logins_and_failed_logins_are_audited_without_passwords(ambassador):
    attempt(Client(), "Ambassador@Acme.test", "hunter2 is my guess")
    attempt(Client(), "ambassador@acme.test", PASSWORD)

    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.target == "ambassador@acme.test"
    assert failed.actor is None
    assert failed.organization is None
    success = AuditEvent.objects.get(action="auth.login")
    assert success.actor == ambassador.user
    assert success.target == "ambassador@acme.test"
    for event in AuditEvent.objects.all():
        stored = f"{event.action} {event.target} {event.actor_label} {event.data}"
        assert "hunter2" not in stored
        assert PASSWORD not in stored


def test_the_block_message_is_translated(ambassador):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    for _ in range(6):
        response = attempt(client, "ambassador@acme.test", "wrong")
    content = response.content.decode()
    assert BLOCKED not in content
    assert 'lang="nl"' in content
    assert "Te veel inlogpogingen. Probeer het later nogmaals." in content  # allauth's own Dutch
