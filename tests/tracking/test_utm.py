"""UTM parameters on tracked links: appended as configured, never overwriting the link's own."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from multiplier.content.models import Variant
from multiplier.program.models import Campaign
from multiplier.tracking.models import TrackingSettings
from multiplier.tracking.services.links import (
    CODE_ALPHABET,
    destination_with_utm,
    short_url,
    tracked_link_create,
)


def params(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def test_all_four_are_appended_and_the_rest_of_the_link_is_kept():
    url = destination_with_utm(
        "https://example.org/a/b?id=7&q=a%20b#part", network="mastodon", campaign="c", content="v2"
    )
    assert url == (
        "https://example.org/a/b?id=7&q=a%20b&utm_source=mastodon&utm_medium=employee_advocacy"
        "&utm_campaign=c&utm_content=v2#part"
    )


def test_parameters_already_in_the_link_win():
    url = destination_with_utm(
        "https://example.org/?utm_source=newsletter&utm_campaign=", network="x", campaign="c",
        content="v1",
    )  # fmt: skip
    assert url.count("utm_source") == 1 and url.count("utm_campaign") == 1
    assert params(url)["utm_source"] == "newsletter"
    assert "utm_campaign=&" in url  # even an empty one is the link owner's choice
    assert params(url)["utm_content"] == "v1"


def test_settings_switch_parameters_off_and_set_the_medium():
    settings = TrackingSettings(add_source=False, medium="ambassadors", add_content=False)
    url = destination_with_utm(
        "https://example.org/", network="linkedin", campaign="c", content="v1", settings=settings
    )
    assert params(url) == {"utm_medium": "ambassadors", "utm_campaign": "c"}
    nothing = TrackingSettings(add_source=False, add_medium=False, add_campaign=False,
                               add_content=False)  # fmt: skip
    plain = "https://example.org/p?a=1"
    kept = destination_with_utm(plain, network="x", campaign="c", content="v", settings=nothing)
    assert kept == plain


@pytest.mark.django_db
def test_tracked_links_use_the_organisations_settings_campaign_and_variant(make_link, org):
    link = make_link("https://example.org/story")
    assert params(link.destination) == {
        "utm_source": "linkedin",
        "utm_medium": "employee_advocacy",
        "utm_campaign": link.post.slug,
        "utm_content": "v1",
    }
    TrackingSettings.objects.create(organization=org, medium="staff", add_source=False)
    post = link.post
    post.campaign = Campaign.objects.create(
        organization=org, name="Spring Launch 2027", start=date(2027, 3, 1), end=date(2027, 5, 31)
    )
    post.save()
    second = Variant.objects.create(organization=org, post=post, text="Other", position=1)
    again = tracked_link_create(post=post, variant=second, network="bluesky", membership=None)
    assert params(again.destination) == {
        "utm_medium": "staff",
        "utm_campaign": "spring-launch-2027",
        "utm_content": "v2",
    }
    assert link.destination != again.destination  # the first link keeps its address


@pytest.mark.django_db
def test_codes_are_short_random_and_unique(make_link, settings):
    settings.SITE_URL = "https://go.example"
    links = [make_link() for _ in range(30)]
    codes = [link.code for link in links]
    assert len(set(codes)) == 30
    assert all(len(c) == 8 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert codes != sorted(codes)  # not sequential
    assert short_url(links[0]) == f"https://go.example/r/{links[0].code}"
