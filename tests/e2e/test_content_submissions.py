"""Own content and content sources in a browser, on a phone: an ambassador proposes a post, the
manager edits and approves it (the ambassador sees it approved), and a feed served by a real
HTTP server on 127.0.0.1 becomes drafts in the review queue."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import expect

from multiplier.content.models import FeedSource, Post, PostKind, PostSource, PostStatus
from multiplier.content.services.feeds import feed_create
from multiplier.content.services.review import review_decline
from multiplier.content.services.submissions import proposal_create
from multiplier.core.models import Role
from tests.content.feed_server import DATA
from tests.e2e.helpers import english_words, menu_link, no_sideways_scroll, switch_to


def test_proposal_approved_and_feed_drafts_on_a_phone(
    page, shot, browser_login, ambassador, manager, feed_server
):
    # The ambassador proposes a post from the menu.
    browser_login(page, ambassador)
    menu_link(page, "Propose a post").click()
    expect(page.get_by_role("heading", name="Propose a post", level=1)).to_be_visible()
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("Write the text of your post.")).to_be_visible()
    page.get_by_role("textbox", name="Text:", exact=True).fill(
        "Our Eindhoven plant just built its 1000th heat pump!"
    )
    page.get_by_label("Link").fill("https://blog.acme.example/1000th")
    no_sideways_scroll(page)
    shot(page, "ambassador-proposes")
    page.get_by_role("button", name="Send for review").click()
    expect(page).to_have_url(re.compile(r"/o/acme/content/proposals/$"))
    expect(page.get_by_role("status")).to_contain_text("is waiting for the programme team")
    expect(page.get_by_text("waiting for review", exact=True)).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "ambassador-my-proposals-waiting")

    # The manager sees it on the home page, edits it and approves it.
    switch_to(page, browser_login, manager)
    expect(page.get_by_text("1 post is waiting for review")).to_be_visible()
    shot(page, "manager-home-waiting")
    page.get_by_role("link", name="Open the review queue").click()
    expect(page.get_by_text("Amber Ambassador")).to_be_visible()
    shot(page, "manager-review-queue")
    page.get_by_role("link", name=re.compile(r"^Review “Our Eindhoven plant")).click()
    page.get_by_role("textbox", name="Text:", exact=True).fill(
        "Our Eindhoven plant just built its 1000th heat pump. Proud of the team!"
    )
    no_sideways_scroll(page)
    shot(page, "manager-edits")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("status")).to_contain_text("is approved and live.")
    expect(page.get_by_role("heading", name="Nothing waiting for review")).to_be_visible()
    post = Post.objects.get(source=PostSource.EMPLOYEE)
    assert post.status == PostStatus.LIVE and post.author == ambassador
    assert post.variants.get().text.endswith("Proud of the team!")

    # A content source: the company blog's RSS feed, checked now, becomes drafts.
    feed_url = feed_server.serve("/blog/feed/", DATA / "company_blog_rss2.xml")
    menu_link(page, "Content sources").click()
    expect(page.get_by_role("heading", name="No content sources yet")).to_be_visible()
    page.get_by_role("link", name="Add a source").click()
    page.get_by_label("Name").fill("Engineering blog")
    page.get_by_label("Feed address").fill(feed_url)
    shot(page, "manager-adds-source")
    page.get_by_role("button", name="Save source").click()
    expect(page.get_by_text("not checked yet")).to_be_visible()
    page.get_by_role("button", name="Check “Engineering blog” now").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "3 new items are waiting in the review queue."
    )
    expect(page.get_by_text("working", exact=True)).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "manager-source-checked")
    menu_link(page, "Review queue").click()
    for title in (
        "How we cut the noise of our outdoor unit by 6 dB",
        "Meet the apprentices of 2026",
        "Heat pumps & the grid: a winter peak explained",
    ):
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("From a content source")).to_have_count(3)
    no_sideways_scroll(page)
    shot(page, "manager-queue-with-feed-drafts")

    # The feed breaks: the page shows the error and keeps the items.
    feed_server.fail("/blog/feed/", 500)
    menu_link(page, "Content sources").click()
    page.get_by_role("button", name="Check “Engineering blog” now").click()
    expect(page.locator(".feed-error")).to_contain_text("The feed answered with HTTP status 500.")
    expect(page.get_by_text("3 waiting for review")).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "manager-source-error")

    # The ambassador sees the proposal approved.
    switch_to(page, browser_login, ambassador)
    menu_link(page, "My proposals").click()
    expect(page.get_by_text("approved, live")).to_be_visible()
    shot(page, "ambassador-approved")


def test_content_pages_in_dutch_on_a_phone(page, shot, browser_login, org, make_member):
    """Every page of this feature, filled (a waiting proposal, a declined one, a feed draft, a
    source with an error), in Dutch on a phone: no sideways scrolling, no English left."""
    manager = make_member(org, role=Role.MANAGER, name="Mila de Manager", language="nl")
    author = make_member(org, name="Anouk van der Heijden-Vermeulen", language="nl")
    waiting = proposal_create(
        membership=author, kind=PostKind.BLOG, title="Mijn eerste jaar als monteur",
        link="https://anouk.example/blog/2026/11/mijn-eerste-jaar-als-monteur-bij-een-installatiebedrijf",
    )  # fmt: skip
    declined = proposal_create(membership=author, kind=PostKind.POST, text="Kijk eens wat wij doen")
    review_decline(post=declined, by=manager, reason="Deze hebben we vorige week al gedeeld.")
    source = feed_create(
        organization=org, by=manager, name="Vakblad Installatietechniek",
        url="https://vakblad.example/rubrieken/warmtepompen/nieuws/feed/atom/?utm_source=multiplier",
    )  # fmt: skip
    FeedSource.objects.filter(pk=source.pk).update(
        last_polled_at=timezone.now(),
        last_error="De feed antwoordde met HTTP-status 500.",
    )
    browser_login(page, manager)
    pages = [
        ("home", "/o/acme/"),
        ("review-queue", "/o/acme/content/review/"),
        ("review-item", f"/o/acme/content/review/{waiting.pk}/"),
        ("review-declined", f"/o/acme/content/review/{declined.pk}/"),
        ("sources", "/o/acme/content/sources/"),
        ("source-edit", f"/o/acme/content/sources/{source.pk}/"),
        ("source-new", "/o/acme/content/sources/new/"),
    ]
    author_pages = [
        ("propose", "/o/acme/content/propose/"),
        ("my-proposals", "/o/acme/content/proposals/"),
    ]
    problems: list[str] = []
    for who, visits in ((manager, pages), (author, author_pages)):
        switch_to(page, browser_login, who)
        for label, url in visits:
            response = page.goto(url)
            assert response is not None and response.status == 200, (url, response)
            assert page.locator("html").get_attribute("lang") == "nl"
            shot(page, label)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > page.viewport_size["width"]:
                problems.append(f"{label} is {width}px wide")
            text = page.get_by_role("main").inner_text()
            if leftovers := english_words(text):
                problems.append(f"{label}: {leftovers}")
    assert not problems, problems
