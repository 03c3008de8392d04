"""The review queue: approving (after editing) makes a live post credited to its author, counted
for goals and ways to contribute; declining needs a reason the author reads; the author gets an
e-mail in their own language; managers see on their home page how many posts wait."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from multiplier.content.models import Post, PostKind, PostSource, PostStatus
from multiplier.content.selectors.review import review_queue, review_waiting_count
from multiplier.content.services.intake import post_intake
from multiplier.content.services.posts import post_slug
from multiplier.content.services.review import review_approve, review_decline
from multiplier.content.services.submissions import proposal_create
from multiplier.program.levels import activity_counts
from multiplier.program.metrics import MetricQuery, metric_value
from multiplier.program.models import Metric

pytestmark = pytest.mark.django_db


def _proposal(member, text="We opened a new plant in Eindhoven!") -> Post:
    return proposal_create(membership=member, kind=PostKind.POST, text=text,
                           link="https://blog.acme.example/plant")  # fmt: skip


def _feed_draft(org, title="Winter peak explained") -> Post:
    return post_intake(organization=org, title=title, text="Why smart controls matter.",
                       link="https://blog.acme.example/peak", source=PostSource.FEED,
                       status=PostStatus.DRAFT)  # fmt: skip


def test_approve_with_edits_makes_a_live_post_credited_to_the_author(org, ambassador, manager):
    post = _proposal(ambassador)
    approved = review_approve(
        post=post, by=manager, title="New plant in Eindhoven",
        text="We opened a new plant in Eindhoven, with 120 new jobs!", link="",
    )  # fmt: skip
    post.refresh_from_db()
    assert post.status == PostStatus.LIVE and approved.pk == post.pk
    assert post.author == ambassador and post.reviewed_by == manager.user
    assert post.went_live_at and post.starts_at and post.reviewed_at
    assert post.title == "New plant in Eindhoven" and post.link == ""
    assert post.variants.get().text == "We opened a new plant in Eindhoven, with 120 new jobs!"
    assert list(review_queue(org)) == []
    # Counted as a post written by an employee, for goals and for ways to contribute.
    today = timezone.localdate()
    assert metric_value(Metric.OWN_POSTS, MetricQuery(org, today - timedelta(days=1), today)) == 1
    counts = activity_counts(org, [ambassador, manager], date.today() - timedelta(days=90))
    assert counts[ambassador.pk].own_posts == 1 and counts[manager.pk].own_posts == 0


def test_approve_validates_the_edits(ambassador, manager):
    post = _proposal(ambassador)
    with pytest.raises(ValidationError) as error:
        review_approve(post=post, by=manager, title="", text=" ", link="ftp://x")
    assert set(error.value.message_dict) == {"title", "text", "link"}
    post.refresh_from_db()
    assert post.status == PostStatus.IN_REVIEW


def test_a_post_is_reviewed_once(ambassador, manager, admin):
    post = _proposal(ambassador)
    review_approve(post=post, by=manager)
    with pytest.raises(ValidationError, match="already been reviewed"):
        review_decline(post=post, by=admin, reason="Too late")
    post.refresh_from_db()
    assert post.status == PostStatus.LIVE


def test_only_the_programme_team_reviews(org, ambassador, leader, outsider):
    post = _proposal(ambassador)
    for person in (leader, ambassador, outsider):
        with pytest.raises(PermissionDenied):
            review_approve(post=post, by=person)


def test_declining_a_proposal_needs_a_reason_a_feed_draft_does_not(org, ambassador, manager):
    post = _proposal(ambassador)
    with pytest.raises(ValidationError) as error:
        review_decline(post=post, by=manager, reason="  ")
    assert "reason" in error.value.message_dict
    review_decline(post=post, by=manager, reason="Not about our work.")
    post.refresh_from_db()
    assert (post.status, post.decline_reason) == (PostStatus.DECLINED, "Not about our work.")
    draft = _feed_draft(org)
    review_decline(post=draft, by=manager, reason="")
    draft.refresh_from_db()
    assert draft.status == PostStatus.DECLINED
    # Declined proposals count nowhere.
    today = timezone.localdate()
    assert metric_value(Metric.OWN_POSTS, MetricQuery(org, today - timedelta(days=1), today)) == 0


def test_approving_a_feed_draft_makes_it_live_without_author(org, manager):
    draft = _feed_draft(org)
    review_approve(post=draft, by=manager)
    draft.refresh_from_db()
    assert draft.status == PostStatus.LIVE and draft.author is None


def test_the_queue_lists_proposals_before_feed_drafts(org, ambassador):
    draft = _feed_draft(org)
    proposal = _proposal(ambassador)
    manual = Post.objects.create(organization=org, title="Manager draft", slug="manual")
    assert list(review_queue(org)) == [proposal, draft]
    assert review_waiting_count(org) == 2
    assert manual not in review_queue(org)


def test_slugs_are_unique_per_organisation(org, other_org):
    for _ in range(3):
        _feed_draft(org, title="Same title")
    _feed_draft(other_org, title="Same title")
    assert sorted(Post.objects.filter(organization=org).values_list("slug", flat=True)) == [
        "same-title", "same-title-2", "same-title-3",
    ]  # fmt: skip
    assert Post.objects.get(organization=other_org).slug == "same-title"
    assert post_slug(org, "!!!") == "post"


def test_the_author_gets_an_email_in_their_language(
    org, make_member, manager, smtp_server, django_capture_on_commit_callbacks
):
    dutch = make_member(org, name="Daan de Vries", email="daan@acme.test", language="nl")
    english = make_member(org, name="Emma Stone", email="emma@acme.test", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        review_approve(post=_proposal(dutch, "Onze nieuwe fabriek"), by=manager)
        review_decline(post=_proposal(english, "Our new plant"), by=manager,
                       reason="We posted this yesterday.")  # fmt: skip
    [to_daan] = smtp_server.to("daan@acme.test")
    text = smtp_server.text(to_daan)
    assert to_daan["Subject"].strip() == "Je voorstel “Onze nieuwe fabriek” staat live"
    assert "Hallo Daan," in text and "/o/acme/content/proposals/" in text
    [to_emma] = smtp_server.to("emma@acme.test")
    text = smtp_server.text(to_emma)
    assert to_emma["Subject"].strip() == "About your proposal “Our new plant”"
    assert "We posted this yesterday." in text and "Hello Emma," in text
    assert "We posted this yesterday." in smtp_server.html(to_emma)


def test_nobody_is_mailed_about_feed_drafts(org, manager, smtp_server,
                                            django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        review_approve(post=_feed_draft(org), by=manager)
    assert smtp_server.messages == []


# --- Pages -------------------------------------------------------------------------------------


def test_manager_reviews_in_the_pages(org, ambassador, manager, login):
    client = login(manager)
    home = client.get(reverse("org_home", args=[org.slug])).content.decode()
    assert "Waiting for your review" not in home
    post = _proposal(ambassador, "Our project nightingale launches soon")
    from multiplier.program.models import GuardrailTerm

    GuardrailTerm.objects.create(organization=org, language="en", term="project nightingale",
                                 category="confidential")  # fmt: skip
    home = client.get(reverse("org_home", args=[org.slug])).content.decode()
    assert "1 post is waiting for review" in home
    queue = client.get(reverse("review_queue", args=[org.slug])).content.decode()
    assert "Our project nightingale launches soon" in queue and "Amber Ambassador" in queue
    assert "One word deserves a second look." in queue
    item_url = reverse("review_item", args=[org.slug, post.pk])
    page = client.get(item_url).content.decode()
    assert "<mark>project nightingale</mark>" in page
    # Decline without a reason: the field says why it is needed.
    answer = client.post(reverse("review_decline", args=[org.slug, post.pk]), {"reason": ""})
    assert "Tell your colleague why" in answer.content.decode()
    # Edit then approve.
    answer = client.post(item_url, {"title": "Launch soon", "text": "Something new is coming",
                                    "link": ""}, follow=True)  # fmt: skip
    assert "“Launch soon” is approved and live." in answer.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.LIVE and post.variants.get().text == "Something new is coming"
    # Approving again says it was already done.
    answer = client.post(item_url, {"title": "x", "text": "y", "link": ""}, follow=True)
    assert "This post has already been reviewed." in answer.content.decode()
    assert "has been reviewed" in client.get(item_url).content.decode()
    assert (
        "Nothing waiting for review"
        in client.get(reverse("review_queue", args=[org.slug])).content.decode()
    )


def test_an_approved_own_post_suggests_the_creator_level(org, ambassador, manager):
    from multiplier.program.selectors.levels import suggestions
    from multiplier.program.services.defaults import programme_defaults_ensure

    programme_defaults_ensure(organization=org)
    assert suggestions(org, [ambassador])[ambassador.pk].level is None
    post = _proposal(ambassador)
    assert suggestions(org, [ambassador])[ambassador.pk].level is None  # waiting: not yet
    review_approve(post=post, by=manager)
    suggestion = suggestions(org, [ambassador])[ambassador.pk]
    assert suggestion.counts.own_posts == 1 and suggestion.level.key == "creator"


def test_the_review_pages_speak_dutch(org, make_member, ambassador, login):
    from tests.e2e.helpers import english_words

    dutch_manager = make_member(org, role="manager", language="nl", name="Mila Manager")
    post = _proposal(ambassador)
    _feed_draft(org)
    client = login(dutch_manager)
    client.cookies["django_language"] = "nl"
    for url in (
        reverse("review_queue", args=[org.slug]),
        reverse("review_item", args=[org.slug, post.pk]),
        reverse("feed_source_list", args=[org.slug]),
        reverse("proposal_create", args=[org.slug]),
        reverse("proposal_list", args=[org.slug]),
        reverse("org_home", args=[org.slug]),
    ):
        html = client.get(url).content.decode()
        assert 'lang="nl"' in html, url
        main = re.search(r"<main.*?</main>", html, re.S).group(0)
        # The proposal's own words are English (a colleague wrote them); the page is not.
        visible = re.sub(r"<[^>]+>", " ", main).replace("We opened a new plant in Eindhoven!", "")
        visible = visible.replace("Why smart controls matter.", "")
        assert not english_words(visible), (url, english_words(visible))


def test_a_long_queue_comes_in_pages(org, manager, login):
    for n in range(23):
        _feed_draft(org, title=f"Item {n:02d}")
    client = login(manager)
    first = client.get(reverse("review_queue", args=[org.slug])).content.decode()
    assert "Item 00" in first and "Item 19" in first and "Item 20" not in first
    assert "Page 1 of 2" in first
    second = client.get(reverse("review_queue", args=[org.slug]) + "?page=2").content.decode()
    assert "Item 22" in second and "Item 00" not in second
