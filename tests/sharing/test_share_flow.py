"""The share flow: suggestion, own words, network, preview, recording, intent, reminder, undo."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from multiplier.accounts.models import NetworkPresence
from multiplier.content.models import Audience
from multiplier.program.models import GuardrailTerm
from multiplier.sharing.models import Share, ShareMethod, ShareReminder, SharingProfile
from multiplier.sharing.services.shares import share_record, share_undo
from multiplier.tracking.models import TrackedLink

from .factories import live_post

pytestmark = pytest.mark.django_db

VARIANTS = (
    "Our new heat pump halves the energy bill of a terraced house.",
    "Half the gas bill: the heat pump our engineers built in Groningen.",
)


def _share_url(org, post) -> str:
    return reverse("share_post", args=[org.slug, post.pk])


def _post(client, org, post, **data):
    form = {"variant": post.variants.first().pk, "network": "linkedin", "action": "now"}
    form.update(data)
    return client.post(_share_url(org, post), form)


def test_the_share_page_suggests_a_variant_and_a_slot(org, ambassador, login):
    post = live_post(org, title="Heat pumps", texts=VARIANTS)
    page = login(ambassador).get(_share_url(org, post)).content.decode()
    assert "Suggested" in page
    assert html.escape(VARIANTS[0]) in page  # the first version: nobody used any yet
    assert 'name="slot_at"' in page and "Suggested time" in page
    assert "Remind me then" in page and "Share now" in page
    assert 'value="linkedin"' in page


def test_sharing_to_linkedin_records_everything_and_opens_the_intent(org, ambassador, login):
    post = live_post(org, title="Heat pumps", texts=VARIANTS)
    client = login(ambassador)
    text = VARIANTS[0] + " I saw the prototype last week and it is quiet as a fridge."
    response = _post(client, org, post, text=text)
    share = Share.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("share_done", args=[org.slug, share.pk])
    assert share.membership == ambassador and share.post == post
    assert share.variant == post.variants.first() and share.network == "linkedin"
    assert share.text == text and share.personalised and share.method == ShareMethod.INTENT
    link = share.tracked_link
    assert link.post == post and link.variant == share.variant and link.membership == ambassador
    assert link.network == "linkedin" and "utm_source=linkedin" in link.destination
    page = client.get(response["Location"]).content.decode()
    short = f"http://testserver/r/{link.code}".replace("http://testserver", "")
    expected = "https://www.linkedin.com/feed/?shareActive=true&amp;text=" + quote(
        f"{text}\n\n", safe=""
    )
    assert expected in page and quote(short, safe="") in page
    assert "Undo this share" in page


def test_the_unchanged_text_is_not_personalised(org, ambassador, login):
    post = live_post(org, texts=VARIANTS)
    _post(login(ambassador), org, post, text="  " + VARIANTS[0].upper() + "\n")
    assert not Share.objects.get().personalised


def test_the_live_preview_shows_warnings_fit_and_own_words(org, ambassador, login):
    GuardrailTerm.objects.create(organization=org, language="en", term="gold rush")
    post = live_post(org, texts=VARIANTS)
    client = login(ambassador)
    url = reverse("share_live", args=[org.slug, post.pk])
    variant = post.variants.first().pk
    same = client.post(url, {"variant": variant, "network": "x", "text": VARIANTS[0]})
    assert same.status_code == 200
    body = same.content.decode()
    assert "Still the ready-made text" in body and "of 280 characters on X" in body
    assert "<html" not in body
    mine = client.post(
        url, {"variant": variant, "network": "x", "text": "Before the gold rush: " + "x" * 300}
    ).content.decode()
    assert "In your own words" in mine
    assert "Too long for X by" in mine
    assert "<mark>gold rush</mark>" in mine and "A suggestion, not a rule" in mine


def test_a_text_too_long_for_the_network_is_refused_with_a_field_error(org, ambassador, login):
    post = live_post(org, texts=VARIANTS)
    page = _post(login(ambassador), org, post, network="x", text="y" * 300).content.decode()
    assert "Too long for X by" in page
    assert not Share.objects.exists()


def test_mastodon_needs_a_server_and_remembers_it(org, ambassador, login):
    post = live_post(org, texts=VARIANTS)
    client = login(ambassador)
    page = _post(client, org, post, network="mastodon", text=VARIANTS[0]).content.decode()
    assert "Enter your Mastodon server" in page and not Share.objects.exists()
    response = _post(
        client, org, post, network="mastodon", text=VARIANTS[0],
        mastodon_instance="https://Social.Example.org/",
    )  # fmt: skip
    assert response.status_code == 302
    assert (
        SharingProfile.objects.get(membership=ambassador).mastodon_instance == "social.example.org"
    )
    assert (
        "https://social.example.org/share?text="
        in client.get(response["Location"]).content.decode()
    )
    again = client.get(_share_url(org, live_post(org))).content.decode()
    assert 'value="social.example.org"' in again
    assert re.search(r'<input[^>]*value="mastodon"[^>]*checked', again)


def test_the_mastodon_server_comes_from_the_profile_handle(org, ambassador, login):
    NetworkPresence.objects.create(
        user=ambassador.user, network="mastodon", handle="@amber@fosstodon.org"
    )
    post = live_post(org, texts=VARIANTS)
    page = login(ambassador).get(_share_url(org, post)).content.decode()
    assert 'value="fosstodon.org"' in page


def test_facebook_and_copy_are_copied_first(org, ambassador, login):
    post = live_post(org, texts=VARIANTS)
    client = login(ambassador)
    done = client.get(_post(client, org, post, network="facebook", text=VARIANTS[1])["Location"])
    page = done.content.decode()
    assert Share.objects.get().method == ShareMethod.COPY
    assert "https://www.facebook.com/sharer/sharer.php?u=" in page
    assert 'data-copy="#share-text"' in page and "Copy text and open Facebook" in page
    other = live_post(org, texts=VARIANTS)
    done = client.get(_post(client, org, other, network="copy", text=VARIANTS[1])["Location"])
    assert "Copy text" in done.content.decode()


def test_remind_me_stores_a_reminder_for_the_slot(org, ambassador, login):
    post = live_post(org, texts=VARIANTS)
    client = login(ambassador)
    page = client.get(_share_url(org, post)).content.decode()
    slot = page.split('name="slot_at" value="')[1].split('"')[0]
    response = _post(client, org, post, text=VARIANTS[0], action="remind", slot_at=slot)
    assert response.status_code == 302
    reminder = ShareReminder.objects.get()
    assert reminder.membership == ambassador and reminder.post == post
    assert reminder.slot_at == parse_datetime(slot) and reminder.delivered_at is None
    assert not Share.objects.exists()
    bad = _post(client, org, post, text="x", action="remind", slot_at="2001-01-01T10:00:00+00:00")
    assert "Choose a time between now and the end" in bad.content.decode()


def test_undo_within_ten_minutes_only(org, ambassador, login):
    post = live_post(org, texts=VARIANTS)
    client = login(ambassador)
    _post(client, org, post, text=VARIANTS[0])
    share = Share.objects.get()
    response = client.post(reverse("share_undo", args=[org.slug, share.pk]))
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.undone_at is not None
    _post(client, org, post, text=VARIANTS[0])
    late = Share.objects.filter(undone_at=None).get()
    Share.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    late.refresh_from_db()
    with pytest.raises(ValidationError, match="within 10 minutes"):
        share_undo(share=late, by=ambassador)
    page = client.post(reverse("share_undo", args=[org.slug, late.pk]), follow=True)
    assert "within 10 minutes" in page.content.decode()
    late.refresh_from_db()
    assert late.undone_at is None


def test_nobody_else_sees_or_undoes_a_share(org, ambassador, make_member, login):
    post = live_post(org, texts=VARIANTS)
    recorded = share_record(
        membership=ambassador, post=post, variant=None, network="linkedin", text="Mine"
    )
    colleague = login(make_member(org))
    assert (
        colleague.get(reverse("share_done", args=[org.slug, recorded.share.pk])).status_code == 404
    )
    assert (
        colleague.post(reverse("share_undo", args=[org.slug, recorded.share.pk])).status_code == 404
    )
    with pytest.raises(ValidationError):
        share_undo(share=recorded.share, by=make_member(org))


def test_a_post_outside_the_members_feed_cannot_be_shared(org, make_member, login):
    post = live_post(org, audience=Audience.TEAMS, audience_teams=["Sales"])
    it = make_member(org, team="IT")
    assert login(it).get(_share_url(org, post)).status_code == 404
    with pytest.raises(ValidationError):
        share_record(membership=it, post=post, variant=None, network="linkedin", text="Hi")
    assert not TrackedLink.objects.exists()


def test_a_post_without_a_link_is_shared_without_a_tracked_link(org, ambassador):
    post = live_post(org, link="")
    recorded = share_record(
        membership=ambassador, post=post, variant=post.variants.first(), network="whatsapp",
        text="Nice, right?",
    )  # fmt: skip
    assert recorded.share.tracked_link is None
    assert recorded.intent.url == "https://wa.me/?text=Nice%2C%20right%3F"


def test_a_version_must_be_picked_when_the_post_has_versions(org, ambassador, login):
    post = live_post(org, texts=VARIANTS)
    page = _post(login(ambassador), org, post, variant="", text="Mine").content.decode()
    assert "Pick a version to start from." in page and not Share.objects.exists()
    other = live_post(org, texts=VARIANTS)
    foreign = _post(login(ambassador), org, other, variant=post.variants.first().pk, text="Mine")
    assert "Choose one of this post" in foreign.content.decode() and not Share.objects.exists()
