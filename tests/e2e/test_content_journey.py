"""The content part of Multiplier tried as a new user would, as one story on a phone:

1. the manager sets the rhythm, so that the next cycle (in five days) needs one post and the home
   page warns that it is too quiet;
2. the manager writes a post with three variants (one with an uploaded image) and looks at its
   preview on LinkedIn, X, Mastodon, Bluesky and Facebook (each kept as a picture);
3. the manager sets the post's window in the next cycle and schedules it: the calendar counts it
   there and the warning is gone;
4. an ambassador proposes a post, the manager approves it from the review queue and the
   ambassador sees it approved;
5. the manager adds a content source (a feed file served on 127.0.0.1) and its items wait as
   drafts in the review queue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from multiplier.content.models import ContentSettings, Post, PostSource, PostStatus, Variant
from multiplier.content.selectors.calendar import calendar_for, local_today
from tests.content.calendar_helpers import at
from tests.content.feed_server import DATA
from tests.content.helpers import png_bytes
from tests.e2e.helpers import fill_link_card_by_hand, menu_link, no_sideways_scroll, switch_to

NETWORKS = {
    "linkedin": "LinkedIn",
    "x": "X",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "facebook": "Facebook",
}
LINK = "https://acme.example/open-days"
TITLE = "Open days 2026"
FEED_TITLES = (
    "How we cut the noise of our outdoor unit by 6 dB",
    "Meet the apprentices of 2026",
    "Heat pumps & the grid: a winter peak explained",
)


@pytest.fixture
def snap(shot: Callable[[Page, str], Path]) -> Callable[[Page, str], Path]:
    """`shot` from the top of the page: a full-page picture taken while scrolled down draws the
    sticky header over the middle of the page."""

    def take(page: Page, label: str) -> Path:
        page.evaluate("window.scrollTo(0, 0)")
        return shot(page, label)

    return take


def _shot_of(shot: Callable[[Page, str], Path], page: Page, part: Locator, label: str) -> Path:
    """A numbered picture of one part of the page, in this test's pictures."""
    path = shot(page, label)  # takes the number (and makes the folder)
    part.scroll_into_view_if_needed()
    part.screenshot(path=path)
    return path


def test_content_journey_on_a_phone(
    page, snap, shot, browser_login, org, manager, ambassador, media, feed_server
):
    slug = org.slug
    today = local_today(org)
    next_start = today + timedelta(days=5)

    # --- 1. The rhythm: two-week cycles, the next one starts in five days and needs one post.
    browser_login(page, manager)
    menu_link(page, "Calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Content calendar")
    page.get_by_role("link", name="Change the rhythm").click()
    page.get_by_label("Cadence (days)").fill("14")
    page.get_by_label("Posts a cycle needs at least").fill("1")
    page.get_by_label("Warn this many days before a cycle starts").fill("7")
    page.get_by_label("A day a cycle starts on").fill((next_start - timedelta(days=14)).isoformat())
    no_sideways_scroll(page)
    snap(page, "rhythm")
    page.get_by_role("button", name="Save rhythm").click()
    expect(page.get_by_text("Rhythm saved.")).to_be_visible()
    settings = ContentSettings.objects.get(organization=org)
    assert settings.min_posts_per_cycle == 1 and settings.warn_days_before == 7
    org.refresh_from_db()
    assert org.cadence_days == 14 and calendar_for(org).next.cycle.start == next_start
    expect(page.locator(".calendar-intro")).to_contain_text(
        "A new cycle starts every 14 days. Each needs at least 1 live or scheduled post, so"
    )
    next_cycle = page.locator(f"#cycle-{next_start.isoformat()}")
    expect(page.locator(".cycle-warning")).to_contain_text("The next cycle is too quiet")
    expect(next_cycle).to_contain_text("0 of at least 1 post live or scheduled")
    expect(next_cycle).to_contain_text("Too quiet:")
    expect(next_cycle).to_contain_text("No posts go live in this cycle yet.")
    snap(page, "calendar-quiet")
    no_sideways_scroll(page)
    page.goto(f"/o/{slug}/")
    warning = page.locator(".cycle-warning")
    expect(warning).to_contain_text("in 5 days. It has 0 live or scheduled posts;")
    snap(page, "home-warning")

    # --- 2. A post with three variants; the second carries an image.
    menu_link(page, "Posts").click()
    page.get_by_role("link", name="Write the first post").click()
    page.get_by_label("Title:", exact=True).fill(TITLE)
    page.get_by_label("Link:", exact=True).fill(LINK)
    page.get_by_label("Text:", exact=True).fill(
        "Our doors are open on 14 March: meet the engineers who run the grid and try the "
        "control room simulator yourself."
    )
    page.get_by_label("Hashtags").fill("#OpenDays energy")
    no_sideways_scroll(page)
    snap(page, "new-post")
    page.get_by_role("button", name="Save post").click()
    expect(page.get_by_text(f"Post “{TITLE}” saved as a draft.")).to_be_visible()
    post = Post.objects.get()
    assert post.status == PostStatus.DRAFT and post.source == PostSource.MANAGER

    # The link card by hand: the site cannot be reached from the test machine.
    fill_link_card_by_hand(page)

    page.get_by_role("link", name="Add a variant").click()
    page.get_by_label("Text:", exact=True).fill("Meet the people behind the grid on 14 March.")
    picture = media / "control-room.png"
    picture.write_bytes(png_bytes(1200, 630, "#2a7a4b"))
    page.get_by_label("Image:", exact=True).set_input_files(str(picture))
    page.get_by_label("Image description (alt text)").fill("Engineers in the control room")
    snap(page, "variant-with-image")
    page.get_by_role("button", name="Save variant").click()
    expect(page.get_by_text("Variant added.")).to_be_visible()

    page.get_by_role("link", name="Add a variant").click()
    page.get_by_label("Text:", exact=True).fill("Open doors, open grid: 14 March.")
    page.get_by_label("Mastodon", exact=True).check()
    page.get_by_role("button", name="Save variant").click()
    expect(page.get_by_text("Variant added.")).to_be_visible()
    expect(page.locator(".variant")).to_have_count(3)
    expect(page.locator(".variant .warning")).to_have_count(0)  # every variant fits
    snap(page, "post-with-three-variants")
    no_sideways_scroll(page)
    assert post.variants.count() == 3
    with_image = Variant.objects.get(post=post, text__startswith="Meet the people")
    assert with_image.image and (media / "media" / with_image.image.name).is_file()
    assert Variant.objects.get(post=post, text__startswith="Open doors").networks == ["mastodon"]

    # The previews of the variant with the image, one picture per network.
    page.locator(".variant-tabs").get_by_role("link", name="Variant 2").click()
    previews = page.locator(".previews")
    for network, label in NETWORKS.items():
        preview = previews.locator(f".preview-{network}")
        expect(preview).to_have_attribute("aria-label", f"Preview on {label}")
        expect(preview.locator(".preview-text")).to_contain_text("Meet the people behind the grid")
        image = preview.locator(".preview-image")
        expect(image).to_have_attribute("alt", "Engineers in the control room")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth") == 1200
        box = preview.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert _shot_of(shot, page, preview, f"preview-{network}").stat().st_size > 1000
    no_sideways_scroll(page)
    # The first variant shows the link card instead of an image.
    page.locator(".variant-tabs").get_by_role("link", name="Variant 1").click()
    expect(previews.locator(".preview-linkedin .preview-card-title")).to_have_text(
        "Open days at Acme"
    )
    _shot_of(shot, page, previews.locator(".preview-linkedin"), "preview-linkedin-link-card")

    # --- 3. Into the next cycle: the window, then scheduled.
    page.get_by_role("link", name="Change post").click()
    starts = next_start + timedelta(days=2)
    page.get_by_label("Live from").fill(f"{starts.isoformat()}T09:30")
    page.get_by_label("Live until").fill(f"{(starts + timedelta(days=7)).isoformat()}T18:00")
    snap(page, "window")
    page.get_by_role("button", name="Save post").click()
    expect(page.get_by_text("Post saved.")).to_be_visible()
    # The status steps are real buttons on a phone, big enough to tap.
    for step in ("Send for review", "Schedule", "Publish now", "Archive"):
        box = page.get_by_role("button", name=step, exact=True).bounding_box()
        assert box is not None and box["height"] >= 44, (step, box)
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("The post is scheduled.")).to_be_visible()
    expect(page.locator("main .badge.status-scheduled")).to_have_text("Scheduled")
    snap(page, "scheduled")
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    assert post.starts_at == at(org, starts, 9, 30)
    assert post.ends_at == at(org, starts + timedelta(days=7), 18, 0)

    menu_link(page, "Calendar").click()
    next_cycle = page.locator(f"#cycle-{next_start.isoformat()}")
    expect(next_cycle).to_contain_text(TITLE)
    expect(next_cycle).to_contain_text("1 of at least 1 post live or scheduled")
    expect(next_cycle).not_to_contain_text("Too quiet:")
    expect(next_cycle.locator(f"#post-{post.pk} .badge")).to_have_text("Scheduled")
    expect(page.locator(".cycle-warning")).to_have_count(0)
    page.get_by_role("link", name="To the next cycle").click()
    expect(next_cycle.get_by_role("heading")).to_be_in_viewport()
    snap(page, "calendar-next-cycle-counted")
    no_sideways_scroll(page)
    assert post in calendar_for(org).next.posts
    page.goto(f"/o/{slug}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".cycle-warning")).to_have_count(0)
    snap(page, "home-no-warning")

    # --- 4. An ambassador proposes a post; the manager approves it.
    switch_to(page, browser_login, ambassador)
    menu_link(page, "Propose a post").click()
    page.get_by_role("textbox", name="Text:", exact=True).fill(
        "Our Eindhoven plant just built its 1000th heat pump!"
    )
    page.get_by_label("Link").fill("https://blog.acme.example/1000th")
    snap(page, "ambassador-proposes")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Send for review").click()
    expect(page).to_have_url(re.compile(rf"/o/{slug}/content/proposals/$"))
    expect(page.get_by_text("waiting for review", exact=True)).to_be_visible()
    proposal = Post.objects.get(source=PostSource.EMPLOYEE)
    assert proposal.status == PostStatus.IN_REVIEW and proposal.author == ambassador

    switch_to(page, browser_login, manager)
    expect(page.get_by_text("1 post is waiting for review")).to_be_visible()
    menu_link(page, "Review queue").click()
    expect(page.get_by_text(ambassador.user.get_full_name())).to_be_visible()
    snap(page, "review-queue-proposal")
    no_sideways_scroll(page)
    page.get_by_role("link", name=re.compile(r"^Review “Our Eindhoven plant")).click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("status")).to_contain_text("is approved and live.")
    expect(page.get_by_role("heading", name="Nothing waiting for review")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == PostStatus.LIVE
    # Live now, in the running cycle: the next cycle still has only the scheduled post.
    assert calendar_for(org).next.counted == 1

    switch_to(page, browser_login, ambassador)
    menu_link(page, "My proposals").click()
    expect(page.get_by_text("approved, live")).to_be_visible()
    snap(page, "ambassador-sees-approved")
    no_sideways_scroll(page)

    # --- 5. A content source: the company blog's feed becomes drafts in the review queue.
    switch_to(page, browser_login, manager)
    feed_url = feed_server.serve("/blog/feed/", DATA / "company_blog_rss2.xml")
    menu_link(page, "Content sources").click()
    expect(page.get_by_role("heading", name="No content sources yet")).to_be_visible()
    page.get_by_role("link", name="Add a source").click()
    page.get_by_label("Name").fill("Engineering blog")
    page.get_by_label("Feed address").fill(feed_url)
    snap(page, "add-source")
    page.get_by_role("button", name="Save source").click()
    page.get_by_role("button", name="Check “Engineering blog” now").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "3 new items are waiting in the review queue."
    )
    assert any(path == "/blog/feed/" for path, _ in feed_server.requests)
    snap(page, "source-checked")
    no_sideways_scroll(page)
    drafts = Post.objects.filter(organization=org, source=PostSource.FEED)
    assert sorted(drafts.values_list("title", flat=True)) == sorted(FEED_TITLES)
    assert set(drafts.values_list("status", flat=True)) == {PostStatus.DRAFT}

    menu_link(page, "Review queue").click()
    for title in FEED_TITLES:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("From a content source")).to_have_count(3)
    snap(page, "review-queue-feed-drafts")
    no_sideways_scroll(page)
