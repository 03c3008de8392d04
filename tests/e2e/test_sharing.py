"""An ambassador on a phone opens the feed, takes the suggested version, makes it their own,
shares to LinkedIn (the share intent opens with the text and the tracked link), undoes a share
recorded by mistake, and finds the clicks of the roll-up in "my impact"; a manager reads the
post's impact per version and network.

The click is real: a browser with a real Chrome user agent (HeadlessChrome counts as a bot)
follows the tracked link through the redirector, link-preview fetchers (LinkedInBot/1.0,
facebookexternalhit/1.1) fetch it too, and after the worker's roll-up (`clicks_ingest()`) only the
person's clicks show in "my impact".
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone
from playwright.sync_api import Page, Route, expect

from multiplier.sharing.models import Share
from multiplier.sharing.services.shares import share_record
from multiplier.tracking.models import LinkDay
from multiplier.tracking.services.clicks import clicks_ingest
from tests.e2e.helpers import english_words, no_sideways_scroll, switch_to
from tests.sharing.factories import link_day, live_post

CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
PREVIEW_BOTS = (
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
)

VERSIONS = (
    "Our new heat pump halves the energy bill of a terraced house.",
    "Half the gas bill: the heat pump our engineers built in Groningen.",
)
OWN = " I saw the prototype at our open day: quiet as a fridge."


def _stub_networks(page: Page, opened: list[str]) -> None:
    """No request ever leaves 127.0.0.1: the networks' pages are answered here."""

    def answer(route: Route) -> None:
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Network</title>ok")

    for host in ("https://www.linkedin.com/**", "https://www.facebook.com/**"):
        page.context.route(host, answer)


def test_ambassador_shares_to_linkedin_from_the_feed_on_a_phone(
    page, shot, browser_login, org, ambassador, manager, make_member, settings, live_server
):
    settings.SITE_URL = live_server.url  # tracked links point at this server
    destination = f"{live_server.url}/healthz"  # where the post's link leads (on this machine)
    post = live_post(org, title="Heat pumps halve the bill", texts=VERSIONS, link=destination)
    live_post(org, title="Open day in Groningen", texts=("Come and see us on Saturday.",))
    # A colleague in the same team already shared version 1 on LinkedIn: version 2 is suggested.
    colleague = make_member(org, team=ambassador.team)

    share_record(
        membership=colleague, post=post, variant=post.variants.get(position=0),
        network="linkedin", text=VERSIONS[0],
    )  # fmt: skip
    opened: list[str] = []
    _stub_networks(page, opened)

    browser_login(page, ambassador)
    feed = page.locator(".home-feed")
    expect(feed.get_by_role("heading", name="Posts to share")).to_be_visible()
    card = feed.locator(".feed-post", has_text="Heat pumps halve the bill")
    expect(card.get_by_text("New this cycle")).to_be_visible()
    shot(page, "home-feed")
    no_sideways_scroll(page)

    card.get_by_role("link", name=re.compile("^Share")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Heat pumps halve the bill")
    suggested = page.locator(".variant-choice", has_text="Suggested")
    expect(suggested).to_contain_text(VERSIONS[1])
    expect(suggested.locator("input")).to_be_checked()
    text = page.get_by_label("Your text")
    expect(text).to_have_value(VERSIONS[1])
    expect(page.get_by_text("Still the ready-made text")).to_be_visible()
    expect(page.get_by_text("Suggested time:")).to_be_visible()
    shot(page, "share-screen")
    no_sideways_scroll(page)

    # Make it your own: the preview follows (htmx) and says it now counts as own words.
    text.press("Control+End")
    text.type(OWN)
    expect(page.get_by_text("In your own words: personalised.")).to_be_visible()
    expect(page.locator(".share-preview-text")).to_contain_text("quiet as a fridge")
    page.locator(".network-choice", has_text="LinkedIn").click()
    shot(page, "personalised")

    page.get_by_role("button", name="Share now").click()
    expect(page.get_by_role("heading", name="Now post it on LinkedIn")).to_be_visible()
    share = Share.objects.get(membership=ambassador)
    assert share.personalised and share.network == "linkedin"
    assert share.variant.text == VERSIONS[1] and share.text == VERSIONS[1] + OWN
    short = f"{live_server.url}/r/{share.tracked_link.code}"
    shot(page, "open-linkedin")
    no_sideways_scroll(page)

    with page.context.expect_page() as popup:
        page.get_by_role("link", name="Open LinkedIn").click()
    linkedin = popup.value
    linkedin.wait_for_load_state()
    url = urlsplit(linkedin.url)
    assert (url.scheme, url.netloc, url.path) == ("https", "www.linkedin.com", "/feed/")
    query = parse_qs(url.query)
    assert query["shareActive"] == ["true"]
    assert query["text"] == [f"{VERSIONS[1]}{OWN}\n\n{short}"]
    assert opened == [linkedin.url]
    linkedin.close()

    # Back in the feed the post shows as shared.
    page.get_by_role("link", name="Back to the posts").click()
    shared_card = page.locator(".feed-post", has_text="Heat pumps halve the bill")
    expect(shared_card.get_by_text("Shared", exact=True)).to_be_visible()
    expect(shared_card.get_by_role("link", name=re.compile("^Share again"))).to_be_visible()

    # A share recorded by mistake (Facebook: the text is copied first) is undone.
    page.locator(".feed-post", has_text="Open day in Groningen").get_by_role(
        "link", name=re.compile("^Share")
    ).click()
    page.wait_for_load_state()  # htmx binds the form's change event once the page has loaded
    page.locator(".network-choice", has_text="Facebook").click()
    expect(page.get_by_text("Facebook cannot take the text")).to_be_visible()
    page.get_by_role("button", name="Share now").click()
    expect(page.get_by_role("link", name="Copy text and open Facebook")).to_be_visible()
    page.get_by_role("button", name="Undo this share").click()
    expect(page.get_by_text("Share undone: it no longer counts.")).to_be_visible()
    assert Share.objects.filter(membership=ambassador, undone_at__isnull=False).count() == 1

    # The link in the post is clicked: the preview fetchers of LinkedIn and Facebook fetch it
    # first (bots, not clicks), then a colleague's phone opens it twice, in a real browser.
    for bot in PREVIEW_BOTS:
        fetcher = page.context.browser.new_context(user_agent=bot)
        assert fetcher.request.get(short, max_redirects=0).status == 302
        fetcher.close()
    reader = page.context.browser.new_context(user_agent=CHROME)
    reader_page = reader.new_page()
    for _ in range(2):
        reader_page.goto(short)
        assert reader_page.url.startswith(destination + "?utm_source=linkedin")
    reader.close()
    clicks_ingest()  # the worker's roll-up (every minute in production)
    day = LinkDay.objects.get(link=share.tracked_link)
    assert (day.clicks, day.visitors, day.bot_hits) == (2, 1, 2)

    page.locator("#main-menu summary").click()
    page.locator("#main-menu nav").get_by_role("link", name="My impact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My impact")
    expect(page.locator("[data-stat=shares]")).to_have_text("1")
    expect(page.locator("[data-stat=clicks]")).to_have_text("2")
    expect(page.locator(".impact-chart svg rect.impact-bar")).to_have_count(1)
    expect(page.locator(".best-posts")).to_contain_text("Heat pumps halve the bill")
    shot(page, "my-impact")
    no_sideways_scroll(page)

    # The manager sees the post per version and network, with the personalised share rate.
    switch_to(page, browser_login, manager)
    page.goto(f"/o/{org.slug}/sharing/posts/{post.pk}/impact/")
    expect(page.locator("[data-stat=shares]")).to_have_text("2")
    expect(page.locator("[data-stat=clicks]")).to_have_text("2")
    expect(page.locator("[data-stat=personalised]")).to_have_text("50%")
    shot(page, "manager-post-impact")
    no_sideways_scroll(page)


def test_share_screen_in_dutch_on_a_phone(page, shot, browser_login, org, make_member):
    dutch = make_member(org, language="nl", name="Daan de Deler")
    post = live_post(org, title="Warmtepompen", texts=VERSIONS)
    browser_login(page, dutch)
    page.goto(f"/o/{org.slug}/sharing/posts/{post.pk}/share/")
    expect(page.get_by_role("button", name="Nu delen")).to_be_visible()
    expect(page.get_by_text("Nog de kant-en-klare tekst")).to_be_visible()
    text = page.get_by_label("Je tekst")
    expect(text).to_have_value(VERSIONS[0])
    # Another version replaces an unchanged text (share.js) and the preview follows (htmx) ...
    page.locator(".variant-choice", has_text="Versie 2").click()
    expect(text).to_have_value(VERSIONS[1])
    expect(page.locator(".share-preview-text")).to_contain_text("engineers built in Groningen")
    # ... but never a text the member changed.
    text.press("Control+End")
    text.type(" Echt waar.")
    page.locator(".variant-choice", has_text="Versie 1").click()
    expect(text).to_have_value(VERSIONS[1] + " Echt waar.")
    shot(page, "share-dutch")
    no_sideways_scroll(page)


def test_sharing_pages_in_dutch_hold_no_english_and_fit_a_phone(
    page, shot, browser_login, org, make_member
):
    dutch = make_member(org, language="nl", name="Daan de Deler")
    boss = make_member(org, role="manager", language="nl", name="Mirjam Manager")
    # Dutch posts: the ready-made texts are the organisation's words, not the interface's.
    post = live_post(org, title="Warmtepompen", texts=("Halve energierekening.", "Minder gas."))
    browser_login(page, dutch)
    pages = [
        ("my-impact-empty", f"/o/{org.slug}/sharing/impact/"),
        ("feed", f"/o/{org.slug}/sharing/"),
        ("share", f"/o/{org.slug}/sharing/posts/{post.pk}/share/"),
    ]
    share = share_record(
        membership=dutch, post=post, variant=post.variants.first(), network="facebook",
        text="Halve energierekening, echt waar.",
    ).share  # fmt: skip
    link_day(share.tracked_link, timezone.localtime(timezone.now(), org.tz).date(), 3)
    pages += [
        ("share-done", f"/o/{org.slug}/sharing/shares/{share.pk}/"),
        ("my-impact", f"/o/{org.slug}/sharing/impact/"),
    ]
    problems = []

    def visit(visits: list[tuple[str, str]]) -> None:
        for label, url in visits:
            page.goto(url)
            shot(page, label)
            no_sideways_scroll(page)
            words = english_words(page.locator("main").inner_text())
            if words:
                problems.append((label, words))

    visit(pages)
    switch_to(page, browser_login, boss)
    visit(
        [
            ("post-list", f"/o/{org.slug}/sharing/posts/"),
            ("post-impact", f"/o/{org.slug}/sharing/posts/{post.pk}/impact/"),
        ]
    )
    assert problems == []
