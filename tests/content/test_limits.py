"""Text length per network, by each network's own rules, with known answers."""

from __future__ import annotations

import pytest

from multiplier.content.limits import LIMITS, compose, measure, measure_all

URL = "https://www.noorderlicht.example/nieuws/warmtenet-paddepoel-gaat-door?utm_source=x"


def test_x_counts_every_url_as_23():
    assert measure(URL, "x").length == 23
    assert measure(f"Lees dit: {URL}", "x").length == len("Lees dit: ") + 23
    assert measure("www.example.com/a-very-long-path-indeed", "x").length == 23


def test_x_weighs_cjk_and_emoji_double_and_latin_single():
    assert measure("héllo", "x").length == 5
    assert measure("日本語", "x").length == 6
    assert measure("👩‍💻", "x").length == 2  # one emoji sequence, several code points
    assert measure("👍🏽", "x").length == 2


def test_bluesky_counts_graphemes_not_code_points():
    assert measure("👩‍💻", "bluesky").length == 1
    assert measure("e\u0301", "bluesky").length == 1  # e + combining accent
    assert measure("a" * 300, "bluesky").fits
    assert not measure("a" * 301, "bluesky").fits
    assert measure(URL, "bluesky").length == len(URL)  # full URL counts on Bluesky


def test_mastodon_counts_urls_as_23_and_remote_mentions_by_local_part():
    assert measure(URL, "mastodon").length == 23
    assert measure("Hoi @anna@social.example!", "mastodon").length == len("Hoi @anna!")
    assert measure("mail me: anna@example.com", "mastodon").length == len(
        "mail me: anna@example.com"
    )


@pytest.mark.parametrize(("network", "limit"), list(LIMITS.items()))
def test_limits_at_the_edge(network, limit):
    if network == "facebook":
        return
    assert measure("a" * limit, network).fits
    over = measure("a" * (limit + 1), network)
    assert not over.fits and over.over_by == 1


def test_measure_all_defaults_to_every_network_and_can_narrow():
    assert {fit.network for fit in measure_all("hi")} == set(LIMITS)
    assert [fit.network for fit in measure_all("hi", ["x", "bluesky"])] == ["x", "bluesky"]


def test_a_linkedin_length_post_fits_linkedin_only():
    text = "Woord " * 400  # 2,400 characters
    fits = {fit.network: fit.fits for fit in measure_all(text)}
    assert fits == {"linkedin": True, "x": False, "bluesky": False, "mastodon": False,
                    "threads": False, "facebook": True}  # fmt: skip


def test_compose_adds_hashtags_and_the_link_once():
    assert (
        compose("Hallo", ["Energie", "#Groningen"], URL) == f"Hallo\n\n#Energie #Groningen\n\n{URL}"
    )
    assert compose(f"Lees {URL}", [], URL) == f"Lees {URL}"
    assert compose("  Hallo  ", ["", "#"], "") == "Hallo"
