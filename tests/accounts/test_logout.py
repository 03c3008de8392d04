"""Logging out says "logged out" — in Dutch "uitgelogd", never "afgemeld", which in this product
means opting out of the programme."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected", "never"),
    [("en", "You have logged out.", "signed out"), ("nl", "Je bent uitgelogd.", "afgemeld")],
)
def test_logout_message_does_not_sound_like_opting_out(
    login, make_member, org, language, expected, never
):
    member = make_member(org, language=language)
    client = login(member)
    confirm = client.get("/accounts/logout/")
    assert never not in confirm.content.decode()
    response = client.post("/accounts/logout/", follow=True)
    text = response.content.decode()
    assert expected in text
    assert never not in text
    assert "_auth_user_id" not in client.session
