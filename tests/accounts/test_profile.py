"""The profile page: about you, networks (the wizard's form), account links, taking part."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from multiplier.accounts.models import Network, NetworkPresence
from multiplier.accounts.networks import NetworkAnswer
from multiplier.accounts.services.profile import user_set_networks, user_update_profile
from multiplier.core.models import MembershipStatus

pytestmark = pytest.mark.django_db

PROFILE = reverse("profile", args=["acme"])


def about(**overrides):
    data = {"section": "about", "name": "Amber A. Ambassador", "language": "en"}
    data.update(overrides)
    return data


def test_profile_shows_the_person_and_links_to_account_pages(login, ambassador):
    response = login(ambassador).get(PROFILE)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Amber Ambassador"' in content
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(name)}"' in content
    assert f'action="{reverse("opt_out", args=["acme"])}"' in content
    # The networks form is the wizard's own.
    assert type(response.context["networks_form"]).__name__ == "NetworksForm"


def test_menu_links_to_the_profile(login, ambassador):
    content = login(ambassador).get(reverse("org_home", args=["acme"])).content.decode()
    assert f'href="{PROFILE}"' in content
    assert "My profile" in content


def test_ambassador_home_empty_state_points_to_the_profile(login, ambassador):
    content = login(ambassador).get(reverse("org_home", args=["acme"])).content.decode()
    assert "Complete your profile" in content


def test_ambassador_home_does_not_ask_for_networks_already_given(login, ambassador):
    user_set_networks(
        user=ambassador.user,
        answers={Network.LINKEDIN: NetworkAnswer(handle="", audience_size=300)},
    )
    content = login(ambassador).get(reverse("org_home", args=["acme"])).content.decode()
    assert "Complete your profile" not in content
    assert "tell us on which networks" not in content
    assert "keep your profile up to date" in content
    assert f'href="{PROFILE}"' in content


def test_profile_is_reachable_before_onboarding_is_finished(login, make_member, org):
    member = make_member(org, onboarded=False)
    response = login(member).get(PROFILE)
    assert response.status_code == 200
    assert reverse("onboarding", args=["acme"]) in response.content.decode()


def test_profile_of_another_organisation_is_404(login, outsider):
    assert login(outsider).get(PROFILE).status_code == 404


def test_saving_name_language_and_notifications(login, ambassador):
    client = login(ambassador)
    response = client.post(PROFILE, about(language="nl", notify_reminders="on"), follow=True)
    user = ambassador.user
    user.refresh_from_db()
    assert user.name == "Amber A. Ambassador"
    assert user.language == "nl"
    assert (user.notify_new_content, user.notify_digest, user.notify_reminders) == (
        False,
        False,
        True,
    )
    # The next page is in the language just chosen, and so is the confirmation.
    assert '<html lang="nl">' in response.content.decode()
    assert "Je profiel is opgeslagen." in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


def test_name_is_required(login, ambassador):
    response = login(ambassador).post(PROFILE, about(name="   "))
    assert response.status_code == 200
    assert response.context["about_form"].errors["name"]
    ambassador.user.refresh_from_db()
    assert ambassador.user.name == "Amber Ambassador"


def test_networks_are_saved_from_the_profile(login, ambassador):
    client = login(ambassador)
    response = client.post(
        PROFILE,
        {
            "section": "networks",
            "x_on": "on",
            "x_handle": "https://x.com/amber_a",
            "x_audience": "5000",
        },
    )
    assert response["Location"] == PROFILE
    presence = NetworkPresence.objects.get(user=ambassador.user)
    assert (presence.network, presence.handle, presence.audience_size) == ("x", "@amber_a", 5000)


def test_unticking_a_network_removes_it(login, ambassador):
    user_set_networks(
        user=ambassador.user,
        answers={"linkedin": NetworkAnswer("amber", 300), "x": NetworkAnswer("", 20)},
    )
    # The form shows what is stored; the person unticks X and keeps LinkedIn.
    response = login(ambassador).post(
        PROFILE,
        {
            "section": "networks",
            "linkedin_on": "on",
            "linkedin_handle": "https://www.linkedin.com/in/amber",
            "linkedin_audience": "300",
            "x_handle": "",
            "x_audience": "20",
        },
    )
    assert response.status_code == 302
    assert list(NetworkPresence.objects.values_list("network", flat=True)) == ["linkedin"]


def test_invalid_networks_keep_what_was_stored(login, ambassador):
    user_set_networks(user=ambassador.user, answers={"mastodon": NetworkAnswer("@a@b.social", 9)})
    response = login(ambassador).post(
        PROFILE,
        {
            "section": "networks",
            "mastodon_on": "on",
            "mastodon_handle": "amber",
            "mastodon_audience": "10",
        },
    )
    assert response.status_code == 200
    assert "as @name@server" in response.content.decode()
    presence = NetworkPresence.objects.get(user=ambassador.user)
    assert (presence.handle, presence.audience_size) == ("@a@b.social", 9)


def test_one_form_with_errors_leaves_the_other_alone(login, ambassador):
    response = login(ambassador).post(
        PROFILE, {"section": "networks", "x_on": "on", "x_audience": "-1"}
    )
    assert response.context["networks_form"].errors
    assert not response.context["about_form"].is_bound


def test_opted_out_member_reaches_the_profile_with_the_opt_in_button(login, make_member, org):
    member = make_member(org, status=MembershipStatus.OPTED_OUT)
    response = login(member).get(PROFILE)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'action="{reverse("opt_in", args=["acme"])}"' in content
    assert reverse("opt_out", args=["acme"]) not in content


def test_staff_are_told_they_lose_access_when_opting_out(login, manager, ambassador):
    warning = "lose access to the pages for running the programme"
    assert warning in login(manager).get(PROFILE).content.decode()
    assert warning not in login(ambassador).get(PROFILE).content.decode()


# --- The services themselves (what the API and other callers rely on) ---------------------------


def test_update_profile_only_saves_what_changed(ambassador):
    user = ambassador.user
    assert user_update_profile(user=user, language="en", notify_digest=True) == []
    assert user_update_profile(user=user, language="nl", notify_digest=False) == [
        "language",
        "notify_digest",
    ]
    user.refresh_from_db()
    assert (user.language, user.notify_digest) == ("nl", False)


def test_update_profile_refuses_bad_values(ambassador):
    with pytest.raises(ValueError):
        user_update_profile(user=ambassador.user, language="xx")
    with pytest.raises(ValueError):
        user_update_profile(user=ambassador.user, name=" ")


def test_set_networks_validates_like_the_form(ambassador):
    with pytest.raises(ValidationError):
        user_set_networks(user=ambassador.user, answers={"mastodon": NetworkAnswer("@x", 1)})
    with pytest.raises(ValidationError):
        user_set_networks(user=ambassador.user, answers={"linkedin": NetworkAnswer("", -1)})
    with pytest.raises(ValidationError):
        user_set_networks(user=ambassador.user, answers={"myspace": NetworkAnswer("", 1)})
    assert not NetworkPresence.objects.exists()
