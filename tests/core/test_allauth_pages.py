"""allauth's pages in Multiplier's layout, the invitation-only entrance, and password reset."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from multiplier.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LAYOUT = '<link rel="stylesheet" href="/static/css/multiplier.css">'


def assert_in_our_layout(response, title: str) -> str:
    assert response.status_code == 200
    content = response.content.decode()
    assert LAYOUT in content
    assert 'class="site-header"' in content
    # allauth's head_title blocks come with whitespace around them.
    assert f"<title>{title} · Multiplier</title>" in re.sub(
        r"<title>\s*(.*?)\s*·", r"<title>\1 ·", content
    )
    return content


def logged_in(member) -> Client:
    """A real login (allauth records it; some pages need a recent one)."""
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": member.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_login_page_says_by_invitation_and_has_no_sign_up_link(client):
    content = assert_in_our_layout(client.get(reverse("account_login")), "Log in")
    assert "Multiplier works by invitation" in content
    assert reverse("account_signup") not in content
    assert f'href="{reverse("account_reset_password")}"' in content
    # Labelled fields and our button.
    assert '<label for="id_login">' in content
    assert '<label for="id_password">' in content
    assert '<button type="submit" class="button">' in content


def test_wrong_password_shows_a_clear_error_in_our_style(client, ambassador):
    response = client.post(
        reverse("account_login"), {"login": "ambassador@acme.test", "password": "nope"}
    )
    content = response.content.decode()
    assert '<div class="form-errors" role="alert">' in content
    assert "The email address and/or password you specified are not correct." in content


def test_empty_login_marks_the_fields(client, db):
    content = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    assert 'aria-invalid="true"' in content
    assert "This field is required." in content


def test_login_page_in_dutch(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    content = client.get(reverse("account_login")).content.decode()
    assert "Multiplier werkt op uitnodiging" in content


def test_sign_up_is_closed_with_a_friendly_explanation(client, db):
    content = assert_in_our_layout(
        client.get(reverse("account_signup")), "Multiplier works by invitation"
    )
    assert "invites you by e-mail" in content
    assert f'href="{reverse("account_login")}"' in content
    client.post(
        reverse("account_signup"),
        {"email": "stranger@example.com", "password1": "x9!long-pass", "password2": "x9!long-pass"},
    )
    assert not User.objects.filter(email="stranger@example.com").exists()


def test_logout_asks_and_logs_out(ambassador):
    client = logged_in(ambassador)
    content = assert_in_our_layout(client.get(reverse("account_logout")), "Log out")
    assert '<button type="submit" class="button">' in content
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email_end_to_end(client, ambassador):
    content = assert_in_our_layout(
        client.get(reverse("account_reset_password")), "Reset your password"
    )
    assert '<label for="id_email">' in content

    response = client.post(reverse("account_reset_password"), {"email": "Ambassador@acme.test"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert_in_our_layout(client.get(response["Location"]), "Reset your password")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ambassador@acme.test"]
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", message.body).group(0)

    # The link leads to a form (allauth moves the key out of the address first).
    response = client.get(urlparse(link).path)
    form_url = response["Location"]
    form_page = assert_in_our_layout(client.get(form_url), "Change password")
    assert '<label for="id_password1">' in form_page

    new_password = "a new and long secret 42"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    ambassador.user.refresh_from_db()
    assert ambassador.user.check_password(new_password)
    # The old password no longer works; the new one does.
    fresh = Client()
    response = fresh.post(
        reverse("account_login"), {"login": "ambassador@acme.test", "password": PASSWORD}
    )
    assert response.status_code == 200
    response = fresh.post(
        reverse("account_login"), {"login": "ambassador@acme.test", "password": new_password}
    )
    assert response.status_code == 302


def test_a_used_reset_link_does_not_work_twice(client, ambassador):
    client.post(reverse("account_reset_password"), {"email": "ambassador@acme.test"})
    path = re.search(r"/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    form_url = client.get(path)["Location"]
    client.post(
        form_url, {"password1": "another long secret 7", "password2": "another long secret 7"}
    )
    content = Client().get(path, follow=True).content.decode()
    assert "This link does not work" in content
    assert "The password reset link was invalid" in content


def test_password_change_page(ambassador):
    client = logged_in(ambassador)
    content = assert_in_our_layout(
        client.get(reverse("account_change_password")), "Change password"
    )
    assert '<label for="id_oldpassword">' in content
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "n3w long secret!", "password2": "n3w long secret!"},
    )
    assert "Please type your current password." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_email_management_page(ambassador):
    client = logged_in(ambassador)
    content = assert_in_our_layout(client.get(reverse("account_email")), "E-mail addresses")
    assert "ambassador@acme.test" in content
    assert '<span class="badge green">' in content  # "Verified"
    assert 'type="radio"' in content


def test_two_factor_pages(ambassador):
    client = logged_in(ambassador)
    content = assert_in_our_layout(client.get(reverse("mfa_index")), "Two-factor authentication")
    assert '<section class="card">' in content
    activate = reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD, "next": activate})
    content = assert_in_our_layout(client.get(activate), "Activate Authenticator App")
    assert '<img src="data:image/svg+xml;base64,' in content
    assert 'class="qr"' in content
    assert '<label for="id_code">' in content


def test_two_factor_login_step_is_in_our_layout(ambassador):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(ambassador.user, generate_totp_secret())
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "ambassador@acme.test", "password": PASSWORD}
    )
    content = assert_in_our_layout(client.get(response["Location"]), "Log in")
    assert "Two-factor authentication" in content
    assert '<label for="id_code">' in content
