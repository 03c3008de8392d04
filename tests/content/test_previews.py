"""Previews per network: the text as shared, each network's folding, overflow past a limit,
the link card or the image, and counts that agree with content/limits.py."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from multiplier.content.limits import measure
from multiplier.content.models import CardStatus
from multiplier.content.previews import card_for, domain_of, previews_for, variant_report
from multiplier.content.services.link_cards import link_card_edit
from multiplier.content.services.variants import variant_create

from .helpers import make_post, png_bytes

pytestmark = pytest.mark.django_db

LINK = "https://www.acme.example/news/open-days"


def by_network(previews):
    return {p.network: p for p in previews}


def test_every_network_and_the_composed_text(org, manager):
    post = make_post(manager, link=LINK, text="Come and see us.")
    variant = post.variants.get()
    variant.hashtags = ["opendays"]
    previews = by_network(previews_for(variant))
    assert list(previews) == ["linkedin", "x", "mastodon", "bluesky", "facebook"]
    expected = f"Come and see us.\n\n#opendays\n\n{LINK}"
    for preview in previews.values():
        assert preview.text == expected and not preview.folded and not preview.overflow
        assert preview.fit == measure(expected, preview.network)
    assert previews["x"].fit.length == len("Come and see us.\n\n#opendays\n\n") + 23


def test_linkedin_folds_after_about_210_characters(org, manager):
    text = " ".join(["colleague"] * 40)  # 399 characters
    variant = make_post(manager, text=text).variants.get()
    previews = by_network(previews_for(variant))
    linkedin = previews["linkedin"]
    assert linkedin.folded and linkedin.more_label == "…see more"
    assert len(linkedin.text) <= 210 and text.startswith(linkedin.text)
    assert linkedin.text.endswith("colleague")  # cut on a whole word
    assert not previews["mastodon"].folded and previews["mastodon"].text == text
    assert not previews["facebook"].folded


def test_text_over_a_limit_is_cut_there_and_the_rest_marked(org, manager):
    text = "a" * 290 + " https://acme.example/x " + "b" * 20
    variant = make_post(manager, text=text).variants.get()
    previews = by_network(previews_for(variant))
    x = previews["x"]
    assert not x.fit.fits and x.fit.length == 290 + 1 + 23 + 1 + 20
    assert x.text + x.overflow == text
    assert measure(x.text, "x").fits and not measure(x.text + x.overflow[:1], "x").fits
    bluesky = previews["bluesky"]
    assert len(bluesky.text) == 300 and not bluesky.fit.fits
    assert previews["mastodon"].overflow == "" and previews["mastodon"].fit.fits


def test_card_pending_fetched_manual_and_image_first(org, manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    post = make_post(manager, link=LINK)
    post.card_status = CardStatus.PENDING  # as it is until the fetcher answers
    card = card_for(post)
    assert card.status == CardStatus.PENDING and card.title == "" and card.domain == "acme.example"
    assert domain_of("https://sub.example.org:8080/x") == "sub.example.org"
    link_card_edit(
        post=post, by=manager, title="Open days", description="Meet us",
        image_url="http://insecure.example/i.jpg",
    )  # fmt: skip
    card = card_for(post)
    assert (card.title, card.description) == ("Open days", "Meet us")
    assert card.image_url == ""  # only https images are shown (the page's CSP)
    variant = variant_create(
        post=post, by=manager, text="With an image",
        image=SimpleUploadedFile("a.png", png_bytes(), "image/png"), image_alt="Our stand",
    )  # fmt: skip
    for preview in previews_for(variant):
        assert preview.card is None and preview.image_url == variant.image.url
        assert preview.image_alt == "Our stand"
    plain = post.variants.exclude(pk=variant.pk).get()
    assert all(p.card and p.card.title == "Open days" for p in previews_for(plain))
    assert card_for(make_post(manager, title="No link")) is None


def test_report_lists_misfits_for_the_marked_networks_only(org, manager):
    post = make_post(manager, text="word " * 62)  # 309 characters
    variant = post.variants.get()
    report = variant_report(variant)
    assert {fit.network for fit in report.misfits} == {"x", "bluesky"}
    assert "facebook" not in {fit.network for fit in report.fits}
    variant.networks = ["linkedin"]
    assert variant_report(variant).misfits == []
    meant = {p.network: p.meant for p in previews_for(variant)}
    assert meant == {"linkedin": True, "x": False, "mastodon": False, "bluesky": False,
                     "facebook": False}  # fmt: skip
