"""A manager writes a post with three variants on a phone: counters change while typing and count
like content/limits.py (X URLs as 23, Bluesky graphemes), one variant carries an uploaded image,
and the post's page shows previews for LinkedIn, X, Mastodon, Bluesky and Facebook (each
previewed network is kept as a picture). Bad input gives clear errors and saves nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from multiplier.content.limits import compose, measure
from multiplier.content.models import Post, Variant
from tests.content.helpers import SVG_WITH_SCRIPT, png_bytes
from tests.e2e.helpers import fill_link_card_by_hand, menu_link, no_sideways_scroll

NETWORKS = ("linkedin", "x", "mastodon", "bluesky", "facebook")
LINK = "https://acme.example/open-days"


def counter(page: Page, network: str):
    return page.locator(f".counters [data-network='{network}']")


def expect_counts(page: Page, text: str, hashtags: list[str], link: str) -> None:
    composed = compose(text, hashtags, link)
    for network in (*NETWORKS, "threads"):
        fit = measure(composed, network)
        expect(counter(page, network).locator("output")).to_have_text(str(fit.length))


def test_manager_writes_a_post_with_three_variants_and_sees_previews(
    page, shot, browser_login, manager, media
):
    browser_login(page, manager)
    menu_link(page, "Posts").click()
    expect(page.get_by_role("heading", name="No posts yet")).to_be_visible()
    shot(page, "empty-list")
    page.get_by_role("link", name="Write the first post").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New post")

    # Bad input first: the window ends before it starts and the text is too long everywhere.
    page.get_by_label("Title:", exact=True).fill("Open days 2026")
    page.get_by_label("Link:", exact=True).fill(LINK)
    page.get_by_label("Live from").fill("2026-03-10T09:00")
    page.get_by_label("Live until").fill("2026-03-01T09:00")
    text_box = page.get_by_label("Text:", exact=True)
    text_box.fill("Far too long. " * 230)
    expect(counter(page, "linkedin")).to_have_class("counter over")
    expect(counter(page, "linkedin").locator(".counter-warning")).to_have_text("too long")
    page.get_by_role("button", name="Save post").click()
    expect(page.get_by_role("alert").first).to_contain_text("Please correct the fields")
    expect(page.get_by_text("The window must end after it starts.")).to_be_visible()
    expect(page.get_by_text("Too long for every network")).to_be_visible()
    shot(page, "new-post-errors")
    assert not Post.objects.exists() and not Variant.objects.exists()

    # The counters follow the typing, counting like the server: the URL as 23 on X and
    # Mastodon, the emoji (a zero-width-joined family of code points) as one Bluesky grapheme.
    page.get_by_label("Live until").fill("2026-04-10T18:00")
    text_box.fill("")
    expect_counts(page, "", [], LINK)
    first_text = (
        "Our doors are open on 14 March 👩‍💻 Come and see how we build the energy grid of "
        "tomorrow, meet the engineers who run it, and try the control room simulator yourself. "
        "Bring a friend, bring your questions: https://acme.example/programme has the details "
        "of every talk and tour."
    )
    text_box.press_sequentially(first_text[:40])
    expect_counts(page, first_text[:40], [], LINK)
    shot(page, "typing")
    text_box.fill(first_text)
    page.get_by_label("Hashtags").fill("#OpenDays energy")
    expect_counts(page, first_text, ["OpenDays", "energy"], LINK)
    x_before = counter(page, "x").locator("output").inner_text()
    page.get_by_label("Link:", exact=True).fill(
        "https://acme.example/a-much-longer-address/for-open-days-2026"
    )
    expect(counter(page, "x").locator("output")).to_have_text(x_before)  # a URL is 23 whatever
    expect(counter(page, "linkedin").locator("output")).not_to_have_text(
        str(measure(compose(first_text, ["OpenDays", "energy"], LINK), "linkedin").length)
    )
    page.get_by_label("Link:", exact=True).fill(LINK)
    # Too long for X and Bluesky (a warning, not an error: other variants can go there).
    expect(counter(page, "x")).to_have_class("counter over")
    expect(counter(page, "mastodon")).to_have_class("counter")
    shot(page, "counters")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Save post").click()
    expect(page.get_by_text("Post “Open days 2026” saved as a draft.")).to_be_visible()
    post = Post.objects.get()
    assert post.variants.count() == 1
    expect(page.locator(".variant .warning").first).to_contain_text(
        "Too long for: X (30 over), Bluesky"
    )

    # The link card, filled in by hand (the fetcher may not reach the site from here).
    # (Open already when the fetch failed, as it does at once where there is no internet.)
    fill_link_card_by_hand(page)

    # Second variant: with an uploaded image; first a file that is not an image, then an SVG.
    page.get_by_role("link", name="Add a variant").click()
    page.get_by_label("Text:", exact=True).fill("Meet the people behind the grid on 14 March.")
    page.get_by_label("Image:", exact=True).set_input_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"not an image, only text"}
    )
    page.get_by_label("Image description (alt text)").fill("Engineers in the control room")
    page.get_by_role("button", name="Save variant").click()
    expect(page.get_by_text("This file is not an image we can use")).to_be_visible()
    page.get_by_label("Image:", exact=True).set_input_files(
        {"name": "logo.svg", "mimeType": "image/svg+xml", "buffer": SVG_WITH_SCRIPT}
    )
    page.get_by_role("button", name="Save variant").click()
    expect(page.get_by_text("SVG images are not accepted: they can carry scripts.")).to_be_visible()
    shot(page, "image-errors")
    assert post.variants.count() == 1
    picture = media / "control-room.png"
    picture.write_bytes(png_bytes(1200, 630, "#2a7a4b"))
    page.get_by_label("Image:", exact=True).set_input_files(str(picture))
    page.get_by_role("button", name="Save variant").click()
    expect(page.get_by_text("Variant added.")).to_be_visible()

    # Third variant: only for X, short.
    page.get_by_role("link", name="Add a variant").click()
    page.get_by_label("Text:", exact=True).fill("Open doors, open grid: 14 March.")
    page.get_by_label("X", exact=True).check()
    expect(counter(page, "x").locator("output")).to_have_text(
        str(measure(compose("Open doors, open grid: 14 March.", [], LINK), "x").length)
    )
    page.get_by_role("button", name="Save variant").click()
    expect(page.get_by_text("Variant added.")).to_be_visible()
    assert post.variants.count() == 3
    assert Variant.objects.get(text__startswith="Open doors").networks == ["x"]
    with_image = Variant.objects.get(text__startswith="Meet the people")
    assert with_image.image and (media / "media" / with_image.image.name).is_file()

    # Previews of the first variant: five networks; LinkedIn folds the long text.
    page.get_by_role("link", name="Variant 1").first.click()
    previews = page.locator(".previews")
    for network in NETWORKS:
        expect(previews.locator(f".preview-{network}")).to_be_visible()
    linkedin = previews.locator(".preview-linkedin")
    expect(linkedin.locator(".preview-more")).to_have_text("…see more")
    expect(linkedin.locator(".preview-card-title")).to_have_text("Open days at Acme")
    expect(previews.locator(".preview-x .preview-more")).to_have_count(0)
    expect(previews.locator(".preview-mastodon .preview-text")).to_contain_text("of every talk")
    shot(page, "previews-variant-1")
    no_sideways_scroll(page)
    keep = Path(shot(page, "before-network-pictures")).parent
    for network in NETWORKS:
        previews.locator(f".preview-{network}").screenshot(path=keep / f"preview-{network}.png")
        assert (keep / f"preview-{network}.png").stat().st_size > 1000

    # The variant with the image: the previews show the picture (loaded from /media/).
    page.locator(".variant-tabs").get_by_role("link", name="Variant 2").click()
    image = previews.locator(".preview-facebook .preview-image")
    expect(image).to_have_attribute("alt", "Engineers in the control room")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1200
    for network in NETWORKS:
        previews.locator(f".preview-{network}").screenshot(
            path=keep / f"preview-{network}-with-image.png"
        )
    shot(page, "previews-variant-2")
    no_sideways_scroll(page)


def test_a_variant_over_every_limit_is_refused_on_a_desktop(
    desktop_page, shot, browser_login, manager, media
):
    page = desktop_page
    browser_login(page, manager)
    page.goto(f"/o/{manager.organization.slug}/content/posts/new/")
    page.get_by_label("Title:", exact=True).fill("Too long")
    # The browser counts like the server for the harder cases too: CJK weighs 2 on X, an emoji
    # with a skin tone is one Bluesky grapheme, a remote mention counts its local part on
    # Mastodon, text after an URL, accents typed as combining marks (NFC on X).
    tricky = "東京で会いましょう 👍🏽 @anna@social.example https://x.example/a?b=c e\u0301té\n\nok"
    page.get_by_label("Text:", exact=True).fill(tricky)
    page.get_by_label("Hashtags:").fill("#Één, twee #één")
    expect_counts(page, tricky, ["Één", "twee"], "")
    page.get_by_label("Hashtags:").fill("")
    page.get_by_label("Text:", exact=True).fill("x" * 3001)
    for network in (*NETWORKS, "threads"):
        if network != "facebook":
            expect(counter(page, network)).to_have_class("counter over")
    page.get_by_role("button", name="Save post").click()
    expect(page.get_by_text("Too long for every network: 3001 characters")).to_be_visible()
    shot(page, "too-long-everywhere")
    assert not Post.objects.exists()


def test_post_pages_in_dutch_on_a_phone(page, shot, browser_login, manager, media, org):
    """Every post page in Dutch: nothing scrolls sideways and no English is left in our texts
    (the variants themselves are Dutch here)."""
    from multiplier.accounts.models import User
    from multiplier.content.services.link_cards import link_card_edit
    from multiplier.content.services.posts import post_create
    from multiplier.content.services.variants import variant_create
    from multiplier.program.models import Campaign

    from .helpers import english_words

    User.objects.update(language="nl")
    campaign = Campaign.objects.create(
        organization=org, name="Opendeurdagen", start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    post = post_create(
        organization=org, by=manager, title="Opendeurdag 2026", link=LINK, campaign=campaign
    )
    link_card_edit(post=post, by=manager, title="Opendeurdag", description="Rondleidingen",
                   image_url="")  # fmt: skip
    variant_create(post=post, by=manager, text="Kom kijken op 14 maart. " * 12, hashtags=["open"])
    variant_create(post=post, by=manager, text="Wij zetten de deuren open op 14 maart.",
                   networks=["x"])  # fmt: skip
    browser_login(page, manager)
    slug = org.slug
    pages = {
        "list": f"/o/{slug}/content/posts/",
        "list-empty-filter": f"/o/{slug}/content/posts/?status=archived",
        "new": f"/o/{slug}/content/posts/new/",
        "detail": f"/o/{slug}/content/posts/{post.pk}/",
        "edit": f"/o/{slug}/content/posts/{post.pk}/edit/",
        "new-variant": f"/o/{slug}/content/posts/{post.pk}/variants/new/",
        "campaign": f"/o/{slug}/programme/campaigns/{campaign.pk}/edit/",
    }
    english = {}
    for label, path in pages.items():
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        shot(page, label)
        no_sideways_scroll(page)
        if leftovers := english_words(page.get_by_role("main").inner_text()):
            english[label] = leftovers
    assert not english, english
    page.goto(pages["detail"])
    expect(page.locator(".preview-linkedin .preview-more")).to_have_text("…meer weergeven")
