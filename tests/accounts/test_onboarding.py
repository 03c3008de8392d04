"""The onboarding wizard: the gate, the steps, validation, the registry, prefill across
organisations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import Template
from django.urls import reverse

from multiplier.accounts import onboarding
from multiplier.accounts.models import NetworkPresence
from multiplier.accounts.networks import clean_handle
from multiplier.core.models import MembershipStatus

pytestmark = pytest.mark.django_db


def step_url(key: str, org_slug: str = "acme") -> str:
    return reverse("onboarding_step", args=[org_slug, key])


@pytest.fixture
def newcomer(make_member, org):
    """An ambassador who has just accepted the invitation and not onboarded yet."""
    return make_member(org, email="newcomer@acme.test", name="Nina Newcomer", onboarded=False)


# --- The gate ----------------------------------------------------------------------------------


def test_member_who_has_not_onboarded_is_sent_to_the_wizard(login, newcomer):
    response = login(newcomer).get(reverse("org_home", args=["acme"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding", args=["acme"])


def test_onboarded_member_is_not_sent_to_the_wizard(login, ambassador):
    response = login(ambassador).get(reverse("org_home", args=["acme"]))
    assert response.status_code == 200


def test_wizard_starts_at_the_first_step(login, newcomer):
    response = login(newcomer).get(reverse("onboarding", args=["acme"]))
    assert response["Location"] == step_url("welcome")


def test_finished_member_visiting_the_wizard_gets_the_org_home(login, ambassador):
    client = login(ambassador)
    for url in (reverse("onboarding", args=["acme"]), step_url("networks")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("org_home", args=["acme"])


def test_unknown_step_is_404(login, newcomer):
    assert login(newcomer).get(step_url("no-such-step")).status_code == 404


def test_opted_out_member_cannot_use_the_wizard(login, make_member, org):
    member = make_member(org, status=MembershipStatus.OPTED_OUT, onboarded=False)
    assert login(member).get(step_url("welcome")).status_code == 403


def test_non_member_gets_404(login, outsider):
    assert login(outsider).get(step_url("welcome")).status_code == 404


# --- The steps ---------------------------------------------------------------------------------


def test_welcome_explains_what_it_brings_and_that_it_is_voluntary(login, newcomer):
    response = login(newcomer).get(step_url("welcome"))
    content = response.content.decode()
    assert "Be visible in your field" in content
    assert "Grow your network" in content
    for percent in (63, 61, 54, 47, 44):
        assert f'value="{percent}"' in content
    assert "voluntary" in content
    assert "one click" in content
    # First step: progress says so, no Back button.
    assert "Step 1 of 3" in content
    assert ">Back<" not in content


def test_progress_and_back_on_a_middle_step(login, newcomer):
    content = login(newcomer).get(step_url("networks")).content.decode()
    assert "Step 2 of 3" in content
    assert 'aria-current="step"' in content
    assert f'href="{step_url("welcome")}"' in content  # Back
    assert ">Next<" in content


def test_walking_through_the_wizard(login, newcomer):
    client = login(newcomer)
    response = client.post(step_url("welcome"))
    assert response["Location"] == step_url("networks")

    response = client.post(
        step_url("networks"),
        {
            "linkedin_on": "on",
            "linkedin_handle": "https://www.linkedin.com/in/nina-newcomer/",
            "linkedin_audience": "500",
            "mastodon_on": "on",
            "mastodon_handle": "nina@Mastodon.Social",
            "mastodon_audience": "1234",
            # Not ticked and empty: not stored.
            "x_handle": "",
        },
    )
    assert response["Location"] == step_url("language")
    presences = {p.network: p for p in NetworkPresence.objects.filter(user=newcomer.user)}
    assert set(presences) == {"linkedin", "mastodon"}
    assert presences["linkedin"].handle == "https://www.linkedin.com/in/nina-newcomer"
    assert presences["linkedin"].audience_size == 500
    assert presences["mastodon"].handle == "@nina@mastodon.social"
    assert presences["mastodon"].audience_size == 1234

    response = client.post(
        step_url("language"), {"language": "en", "notify_new_content": "on"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("org_home", args=["acme"])
    assert "You are all set" in response.content.decode()
    newcomer.refresh_from_db()
    newcomer.user.refresh_from_db()
    assert newcomer.onboarded_at is not None
    assert newcomer.user.notify_new_content is True
    assert newcomer.user.notify_digest is False
    assert newcomer.user.notify_reminders is False
    # The gate lets them through now.
    assert client.get(reverse("org_home", args=["acme"])).status_code == 200


def test_choosing_a_language_switches_the_page_right_away(login, newcomer):
    client = login(newcomer)
    response = client.post(step_url("language"), {"language": "nl"}, follow=True)
    newcomer.user.refresh_from_db()
    assert newcomer.user.language == "nl"
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Hallo Nina" in content
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


def test_back_shows_the_answers_already_given(login, newcomer):
    client = login(newcomer)
    client.post(
        step_url("networks"),
        {"bluesky_on": "on", "bluesky_handle": "nina.bsky.social", "bluesky_audience": "80"},
    )
    content = client.get(step_url("networks")).content.decode()
    assert 'value="@nina.bsky.social"' in content
    assert 'value="80"' in content


# --- Validation --------------------------------------------------------------------------------


def _post_networks(client, **data):
    response = client.post(step_url("networks"), data)
    assert response.status_code == 200, "an invalid form is shown again, not accepted"
    return response.content.decode()


def test_negative_follower_count_is_refused(login, newcomer):
    content = _post_networks(
        login(newcomer), linkedin_on="on", linkedin_handle="nina", linkedin_audience="-5"
    )
    assert "The number cannot be negative." in content
    assert not NetworkPresence.objects.filter(user=newcomer.user).exists()


def test_absurd_follower_count_is_refused(login, newcomer):
    content = _post_networks(login(newcomer), x_on="on", x_audience="99999999999")
    assert "That is more than" in content
    assert not NetworkPresence.objects.exists()


def test_bad_mastodon_handle_is_refused(login, newcomer):
    client = login(newcomer)
    for handle in ("@nina", "nina@localhost", "https://mastodon.social/users/nina/x", "@a b@c.org"):
        content = _post_networks(
            client, mastodon_on="on", mastodon_handle=handle, mastodon_audience="100"
        )
        assert "as @name@server" in content, handle
    assert not NetworkPresence.objects.exists()


def test_handle_on_another_site_is_refused(login, newcomer):
    content = _post_networks(
        login(newcomer),
        linkedin_on="on",
        linkedin_handle="https://evil.example/in/nina",
        linkedin_audience="100",
    )
    assert "This is not a handle or profile address on LinkedIn" in content


def test_a_network_ticked_needs_a_rough_number(login, newcomer):
    content = _post_networks(login(newcomer), instagram_on="on", instagram_handle="@nina")
    assert "A guess is fine." in content


def test_answers_for_an_unticked_network_ask_for_the_tick(login, newcomer):
    content = _post_networks(login(newcomer), threads_handle="@nina", threads_audience="50")
    assert "Tick this to save what you entered for Threads" in content
    assert not NetworkPresence.objects.exists()


@pytest.mark.parametrize(
    ("network", "typed", "stored"),
    [
        ("mastodon", "@nina@mastodon.social", "@nina@mastodon.social"),
        ("mastodon", "nina@Fosstodon.ORG", "@nina@fosstodon.org"),
        ("mastodon", "https://mastodon.social/@nina", "@nina@mastodon.social"),
        ("linkedin", "nina-newcomer", "https://www.linkedin.com/in/nina-newcomer"),
        ("linkedin", "linkedin.com/in/nina/", "https://www.linkedin.com/in/nina"),
        ("x", "https://twitter.com/nina_n/status/1", "@nina_n"),
        ("instagram", "@nina.n", "@nina.n"),
        ("threads", "https://www.threads.net/@nina.n", "@nina.n"),
        ("bluesky", "https://bsky.app/profile/nina.bsky.social", "@nina.bsky.social"),
        (
            "facebook",
            "facebook.com/profile.php?id=42",
            "https://www.facebook.com/profile.php?id=42",
        ),
        ("x", "   ", ""),
    ],
)
def test_handles_are_stored_in_one_form(network, typed, stored):
    assert clean_handle(network, typed) == stored


@pytest.mark.parametrize(
    ("network", "typed"),
    [
        ("x", "nina newcomer"),
        ("x", "a_name_far_too_long_for_x"),
        ("linkedin", "linkedin.com/"),
        ("linkedin", "https://linkedin.com.evil.example/in/nina"),
        ("bluesky", "nina"),
        ("bluesky", "https://bsky.app/nina"),
        ("instagram", "https://example.com/nina"),
    ],
)
def test_handles_that_cannot_be_right_are_refused(network, typed):
    with pytest.raises(forms.ValidationError):
        clean_handle(network, typed)


def test_unknown_language_is_refused(login, newcomer):
    response = login(newcomer).post(step_url("language"), {"language": "xx"})
    assert response.status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.onboarded_at is None


# --- Extending the wizard ----------------------------------------------------------------------


class ThemeForm(forms.Form):
    theme = forms.ChoiceField(choices=[("ai", "AI"), ("energy", "Energy")])


@pytest.fixture
def themes_step() -> Iterator[dict]:
    """A step as another app would register it, recording what it saves. (Its key is not
    "themes": the programme registers a real step under that name.)"""
    state: dict = {"needed": True, "saved": []}
    step = onboarding.Step(
        key="sample",
        order=250,
        title="Your themes",
        template=Template("<h1>Pick your theme</h1>{{ form.theme }}{{ form.theme.errors }}"),
        form=lambda membership, data: ThemeForm(data),
        save=lambda membership, form: state["saved"].append(
            (membership.pk, form.cleaned_data["theme"])
        ),
        is_needed=lambda membership: state["needed"],
    )
    onboarding.register(step)
    yield state
    onboarding.unregister("sample")


def test_a_registered_step_joins_the_wizard_in_its_order(login, newcomer, themes_step):
    client = login(newcomer)
    response = client.post(
        step_url("networks"),
        {"linkedin_on": "on", "linkedin_audience": "100"},
    )
    assert response["Location"] == step_url("sample")

    content = client.get(step_url("sample")).content.decode()
    assert "Pick your theme" in content
    assert "Step 3 of 4" in content
    assert f'href="{step_url("networks")}"' in content

    assert client.post(step_url("sample"), {"theme": "nonsense"}).status_code == 200
    assert themes_step["saved"] == []
    response = client.post(step_url("sample"), {"theme": "energy"})
    assert response["Location"] == step_url("language")
    assert themes_step["saved"] == [(newcomer.pk, "energy")]


def test_a_step_that_is_not_needed_is_left_out(login, newcomer, themes_step):
    themes_step["needed"] = False
    client = login(newcomer)
    assert "Step 2 of 3" in client.get(step_url("networks")).content.decode()
    assert client.get(step_url("sample")).status_code == 404
    assert client.post(step_url("networks"), {})["Location"] == step_url("language")


def test_two_steps_with_one_key_is_an_error(themes_step):
    with pytest.raises(ImproperlyConfigured):
        onboarding.register(
            onboarding.Step(key="sample", order=1, title="Other", template="x.html")
        )


# --- Per person, not per organisation ----------------------------------------------------------


def test_second_organisation_shows_the_answers_given_in_the_first(
    login, newcomer, make_member, other_org
):
    client = login(newcomer)
    client.post(
        step_url("networks"),
        {"mastodon_on": "on", "mastodon_handle": "@nina@fosstodon.org", "mastodon_audience": "700"},
    )
    client.post(step_url("language"), {"language": "nl", "notify_digest": "on"})

    second = make_member(other_org, email=newcomer.user.email, onboarded=False)
    assert second.user == newcomer.user
    response = client.get(reverse("org_home", args=[other_org.slug]))
    assert response["Location"] == reverse("onboarding", args=[other_org.slug])

    networks = client.get(step_url("networks", other_org.slug))
    form = networks.context["form"]
    assert form["mastodon_on"].value() is True
    assert form["linkedin_on"].value() is False
    assert 'value="@nina@fosstodon.org"' in networks.content.decode()
    assert 'value="700"' in networks.content.decode()
    form = client.get(step_url("language", other_org.slug)).context["form"]
    assert form["language"].value() == "nl"
    assert form["notify_digest"].value() is True
    assert form["notify_new_content"].value() is False
