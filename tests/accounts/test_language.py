"""The footer's language switch: saved on the account (every device), in a cookie otherwise."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

SWITCH = reverse("set_language")
COOKIE = settings.LANGUAGE_COOKIE_NAME


def test_signed_in_choice_follows_the_person_to_another_device(login, ambassador):
    response = login(ambassador).post(SWITCH, {"language": "nl", "next": "/o/acme/"})
    assert response["Location"] == "/o/acme/"
    ambassador.user.refresh_from_db()
    assert ambassador.user.language == "nl"

    # A new session, without the cookie: still Dutch, because the account says so.
    other_device = login(ambassador)
    assert COOKIE not in other_device.cookies
    content = other_device.get(reverse("org_home", args=["acme"])).content.decode()
    assert '<html lang="nl">' in content
    assert "Hallo Amber" in content


def test_saved_choice_wins_over_the_browser_language(login, ambassador):
    login(ambassador).post(SWITCH, {"language": "nl"})
    response = login(ambassador).get(
        reverse("org_home", args=["acme"]), headers={"accept-language": "en"}
    )
    assert '<html lang="nl">' in response.content.decode()


def test_anonymous_choice_is_kept_in_a_cookie(db):
    client = Client()
    response = client.post(SWITCH, {"language": "nl", "next": reverse("account_login")})
    assert response["Location"] == reverse("account_login")
    assert response.cookies[COOKIE].value == "nl"
    assert response.cookies[COOKIE]["httponly"]
    content = client.get(reverse("account_login")).content.decode()
    assert '<html lang="nl">' in content


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/path", "http://evil.example", "javascript:alert(1)"],
)
def test_next_off_site_is_ignored(client, next_url):
    response = client.post(SWITCH, {"language": "nl", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_unknown_language_is_ignored(login, ambassador):
    client = login(ambassador)
    response = client.post(SWITCH, {"language": "xx", "next": "/o/acme/"})
    assert response["Location"] == "/o/acme/"
    assert COOKIE not in response.cookies
    ambassador.user.refresh_from_db()
    assert ambassador.user.language == "en"


def test_switch_needs_a_post(client):
    assert client.get(SWITCH, {"language": "nl"}).status_code == 405
