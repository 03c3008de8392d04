"""Share intents, exactly as shared/notes/networks.md lists them."""

from __future__ import annotations

import pytest

from multiplier.sharing.intents import clean_instance, intent_for
from multiplier.sharing.models import ShareMethod

TEXT = "Proud of this: 50% less gas & more #energy"
LINK = "http://127.0.0.1:8000/r/AbCd1234"
ENC_TEXT = "Proud%20of%20this%3A%2050%25%20less%20gas%20%26%20more%20%23energy"
ENC_LINK = "http%3A%2F%2F127.0.0.1%3A8000%2Fr%2FAbCd1234"
ENC_FULL = f"{ENC_TEXT}%0A%0A{ENC_LINK}"


@pytest.mark.parametrize(
    ("network", "url"),
    [
        ("linkedin", f"https://www.linkedin.com/feed/?shareActive=true&text={ENC_FULL}"),
        ("x", f"https://x.com/intent/tweet?text={ENC_TEXT}&url={ENC_LINK}"),
        ("facebook", f"https://www.facebook.com/sharer/sharer.php?u={ENC_LINK}"),
        ("mastodon", f"https://mastodon.social/share?text={ENC_FULL}"),
        ("bluesky", f"https://bsky.app/intent/compose?text={ENC_FULL}"),
        ("threads", f"https://www.threads.com/intent/post?text={ENC_TEXT}&url={ENC_LINK}"),
        ("whatsapp", f"https://wa.me/?text={ENC_FULL}"),
        ("telegram", f"https://t.me/share/url?url={ENC_LINK}&text={ENC_TEXT}"),
        ("email", f"mailto:?subject=Heat%20pumps&body={ENC_FULL}"),
        ("copy", ""),
    ],
)
def test_intent_urls(network, url):
    intent = intent_for(
        network, text=TEXT, link=LINK, instance="mastodon.social", subject="Heat pumps"
    )
    assert intent.url == url
    assert intent.text == f"{TEXT}\n\n{LINK}"


def test_networks_that_cannot_take_text_are_copied_first():
    assert intent_for("facebook", text=TEXT, link=LINK).method == ShareMethod.COPY
    assert intent_for("facebook", text=TEXT, link=LINK).copy_first
    assert intent_for("copy", text=TEXT, link=LINK).method == ShareMethod.COPY
    assert intent_for("linkedin", text=TEXT, link=LINK).method == ShareMethod.INTENT
    assert not intent_for("linkedin", text=TEXT, link=LINK).copy_first


def test_a_link_already_in_the_text_is_not_added_twice():
    intent = intent_for("linkedin", text=f"Read {LINK} now", link=LINK)
    assert intent.text == f"Read {LINK} now"
    assert intent.url.count("AbCd1234") == 1


def test_mastodon_needs_the_members_server():
    with pytest.raises(ValueError):
        intent_for("mastodon", text=TEXT, link=LINK, instance="")
    with pytest.raises(ValueError):
        intent_for("mastodon", text=TEXT, link=LINK, instance="not a host")


@pytest.mark.parametrize(
    ("typed", "host"),
    [
        ("mastodon.social", "mastodon.social"),
        ("https://Mastodon.Social/", "mastodon.social"),
        ("@anna@social.example.org", "social.example.org"),
        ("anna@fosstodon.org", "fosstodon.org"),
        ("https://mastodon.social/@anna", "mastodon.social"),
        ("localhost", ""),
        ("javascript:alert(1)", ""),
        ("evil.example/share?x=", "evil.example"),
        ("", ""),
    ],
)
def test_the_mastodon_server_is_cleaned(typed, host):
    assert clean_instance(typed) == host
