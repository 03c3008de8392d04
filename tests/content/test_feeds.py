"""Content sources: real feed files (an RSS 2.0 company blog, an Atom news site, a web page that
is no feed) served by a real HTTP server on 127.0.0.1, polled with conditional requests; new items
become drafts in the review queue, and a failing feed shows its error and keeps its items."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from multiplier.content.feeds import FeedParseError, parse_feed, plain_text
from multiplier.content.models import FeedItem, FeedSource, Post, PostSource, PostStatus
from multiplier.content.selectors.review import review_queue
from multiplier.content.services import feeds as feed_services
from multiplier.content.services.feeds import (
    feed_create,
    feed_delete,
    feed_poll,
    feed_update,
)
from multiplier.core import scheduler
from multiplier.program.models import Theme

from .feed_server import DATA

pytestmark = pytest.mark.django_db

RSS = DATA / "company_blog_rss2.xml"
ATOM = DATA / "news_site_atom.xml"
MALFORMED = DATA / "malformed_feed.xml"  # a web page where the feed should be
BROKEN = DATA / "wordpress_php_warning_rss2.xml"  # invalid XML that is still a feed


def _source(org, url, name="Acme blog", **fields) -> FeedSource:
    return feed_create(organization=org, by=None, name=name, url=url, **fields)


# --- Parsing the files ------------------------------------------------------------------------


def test_rss2_company_blog_is_read_as_plain_text_newest_first():
    feed = parse_feed(RSS.read_bytes())
    assert feed.title == "Acme Engineering Blog"
    assert [item.guid for item in feed.items] == [
        "https://blog.acme.example/?p=1412",
        "https://blog.acme.example/?p=1398",
        "https://blog.acme.example/?p=1377",
    ]
    first = feed.items[0]
    assert first.link == "https://blog.acme.example/2026/12/03/quieter-outdoor-unit/"
    assert first.title == "How we cut the noise of our outdoor unit by 6 dB"
    # HTML gone, entities decoded: what the draft's text will be.
    assert first.summary.startswith("Neighbours complained, so our acoustics team went back")
    assert "Here is what worked \u2013 and what didn\u2019t." in first.summary
    assert "<" not in first.summary
    assert "appeared first on" not in first.summary  # WordPress's line for feed readers
    assert first.summary.endswith("didn\u2019t.")
    assert "onerror" not in feed.items[1].summary and "<img" not in feed.items[1].summary
    assert feed.items[2].title == "Heat pumps & the grid: a winter peak explained"
    assert first.published_at.isoformat() == "2026-12-03T09:15:00+00:00"


def test_atom_news_site_is_read_with_html_titles_and_xhtml_summaries():
    feed = parse_feed(ATOM.read_bytes())
    assert feed.title == "Energie Nieuws Nederland"
    titles = [item.title for item in feed.items]
    assert titles[0] == "Warmtepompen in 2026: recordjaar voor installateurs"
    assert feed.items[1].summary == (
        "In drie provincies is er geen ruimte meer voor nieuwe aansluitingen."
    )
    # No <summary>, only <content>: the content is the summary.
    assert feed.items[2].summary == "Het kabinet verlengt de regeling met twee jaar."
    assert feed.items[2].guid == "tag:nieuws.energie.example,2026-11-28:/subsidie-isolatie"


def test_a_web_page_is_not_a_feed():
    with pytest.raises(FeedParseError, match="not an RSS or Atom feed"):
        parse_feed(MALFORMED.read_bytes())


def test_a_truncated_feed_gives_the_items_that_could_be_read():
    body = RSS.read_bytes()
    cut = body[: body.index(b"<title>Heat pumps")]
    feed = parse_feed(cut)
    assert [item.title for item in feed.items][:2] == [
        "How we cut the noise of our outdoor unit by 6 dB",
        "Meet the apprentices of 2026",
    ]


def test_plain_text_drops_scripts_and_shortens():
    assert plain_text("<p>Hi <script>alert(1)</script><b>there</b></p>") == "Hi there"
    assert plain_text("word " * 100, 20).endswith("…")
    assert len(plain_text("word " * 100, 20)) == 20


# --- Managing sources --------------------------------------------------------------------------


def test_feed_create_validates_the_address_and_once_per_organisation(org, manager, ambassador):
    with pytest.raises(ValidationError) as error:
        feed_create(organization=org, by=manager, name="Blog", url="ftp://blog.example/feed")
    assert "url" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        feed_create(organization=org, by=manager, name="", url="javascript:alert(1)")
    assert set(error.value.message_dict) == {"name", "url"}
    feed_create(organization=org, by=manager, name="Blog", url="https://blog.example/feed/")
    with pytest.raises(ValidationError) as error:
        feed_create(organization=org, by=manager, name="Again", url="https://blog.example/feed/")
    assert error.value.message_dict["url"] == ["This feed is already one of your content sources."]
    with pytest.raises(PermissionDenied):
        feed_create(organization=org, by=ambassador, name="Mine", url="https://me.example/rss")


def test_feed_update_forgets_validators_of_an_old_address(org, manager):
    source = _source(org, "https://blog.example/feed/")
    FeedSource.objects.filter(pk=source.pk).update(etag='"abc"', last_modified="yesterday")
    source.refresh_from_db()
    changed = feed_update(source=source, by=manager, url="https://blog.example/rss/")
    source.refresh_from_db()
    assert "url" in changed
    assert (source.url, source.etag, source.last_modified) == ("https://blog.example/rss/", "", "")
    assert feed_update(source=source, by=manager, name="Acme blog") == []


def test_deleting_a_source_keeps_its_posts(org, manager, feed_server):
    source = _source(org, feed_server.serve("/feed/", RSS))
    feed_poll(source=source)
    feed_delete(source=source, by=manager)
    assert not FeedSource.objects.filter(pk=source.pk).exists()
    assert Post.objects.filter(organization=org, source=PostSource.FEED).count() == 3


# --- Polling -----------------------------------------------------------------------------------


def test_first_poll_makes_drafts_in_the_review_queue(org, feed_server):
    solar = Theme.objects.create(organization=org, name="Heat pumps")
    source = _source(org, feed_server.serve("/blog/feed/", RSS), themes=[solar])
    result = feed_poll(source=source)
    assert (result.new, result.error) == (3, "")
    source.refresh_from_db()
    assert source.last_error == "" and source.last_success_at and source.last_polled_at
    assert source.etag.startswith('"') and source.last_modified == "Thu, 03 Dec 2026 09:15:00 GMT"
    drafts = Post.objects.filter(organization=org, source=PostSource.FEED).order_by("created_at")
    assert [p.status for p in drafts] == [PostStatus.DRAFT] * 3
    draft = drafts.get(link="https://blog.acme.example/2026/12/03/quieter-outdoor-unit/")
    assert draft.title == "How we cut the noise of our outdoor unit by 6 dB"
    assert draft.variants.get().text.startswith("Neighbours complained")
    assert list(draft.themes.all()) == [solar]
    assert draft.feed_item.source == source
    assert set(review_queue(org)) == set(drafts)
    # Slugs are unique in the organisation, even for equal titles.
    assert len({p.slug for p in drafts}) == 3


def test_second_poll_is_conditional_and_304_keeps_everything(org, feed_server):
    source = _source(org, feed_server.serve("/feed/", RSS))
    feed_poll(source=source)
    etag = source.etag
    result = feed_poll(source=source)
    assert result.not_modified and result.new == 0
    _path, headers = feed_server.requests[-1]
    assert headers["if-none-match"] == etag
    assert headers["if-modified-since"] == "Thu, 03 Dec 2026 09:15:00 GMT"
    assert FeedItem.objects.filter(source=source).count() == 3
    assert Post.objects.filter(organization=org).count() == 3


def test_last_modified_alone_gives_304_too(org, feed_server):
    source = _source(org, feed_server.serve("/feed/", RSS, etag=False))
    feed_poll(source=source)
    assert source.etag == ""
    assert feed_poll(source=source).not_modified
    assert "if-none-match" not in feed_server.requests[-1][1]


def test_new_items_are_deduplicated_by_guid_then_link(org, feed_server):
    url = feed_server.serve("/feed/", RSS)
    source = _source(org, url)
    feed_poll(source=source)
    body = RSS.read_bytes()
    # The blog re-publishes: one item got a new GUID but kept its link; one is really new.
    body = body.replace(b"?p=1398</guid>", b"?p=9999</guid>")
    new_item = (
        b"<item><title>Open day in Eindhoven</title>"
        b"<link>https://blog.acme.example/2026/12/05/open-day/</link>"
        b'<guid isPermaLink="false">https://blog.acme.example/?p=1420</guid>'
        b"<pubDate>Sat, 05 Dec 2026 10:00:00 +0000</pubDate>"
        b"<description>Come and see how we build them.</description></item>"
    )
    body = body.replace(b"<item>", new_item + b"<item>", 1)
    feed_server.serve("/feed/", body, last_modified="Sat, 05 Dec 2026 10:00:00 GMT")
    result = feed_poll(source=source)
    assert result.new == 1
    assert Post.objects.filter(organization=org).count() == 4
    assert Post.objects.filter(title="Open day in Eindhoven", status=PostStatus.DRAFT).exists()


def test_the_same_article_in_two_sources_becomes_one_draft(org, feed_server):
    first = _source(org, feed_server.serve("/a/", RSS), name="Blog")
    second = _source(org, feed_server.serve("/b/", RSS), name="Blog mirror")
    assert feed_poll(source=first).new == 3
    assert feed_poll(source=second).new == 0
    assert Post.objects.filter(organization=org).count() == 3


def test_first_poll_imports_at_most_the_20_newest(org, feed_server):
    items = b"".join(
        b"<item><title>Item %d</title><link>https://news.example/%d</link>"
        b"<guid>n-%d</guid><pubDate>%s</pubDate></item>"
        % (n, n, n, f"Mon, {n:02d} Nov 2026 09:00:00 +0000".encode())
        for n in range(1, 26)
    )
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>%s</channel></rss>'
    source = _source(org, feed_server.serve("/feed/", body % items))
    assert feed_poll(source=source).new == 20
    titles = set(Post.objects.filter(organization=org).values_list("title", flat=True))
    assert titles == {f"Item {n}" for n in range(6, 26)}
    # The five older ones are remembered as seen and never become drafts later.
    assert FeedItem.objects.filter(source=source, post__isnull=True).count() == 5
    feed_server.serve("/feed/", body % items, last_modified="Tue, 01 Dec 2026 00:00:00 GMT")
    assert feed_poll(source=source).new == 0


@pytest.mark.parametrize(
    ("misbehave", "message"),
    [
        (lambda s: s.fail("/feed/", 500), "The feed answered with HTTP status 500."),
        (lambda s: s.garbage("/feed/"), "This is not an RSS or Atom feed"),
        (lambda s: s.serve("/feed/", MALFORMED, content_type="text/html"), "not an RSS or Atom"),
        (lambda s: s.hang("/feed/"), "The site took too long to answer."),
    ],
    ids=["500", "garbage", "html-page", "timeout"],
)
def test_a_broken_feed_shows_its_error_and_keeps_previous_items(
    org, feed_server, monkeypatch, misbehave, message
):
    monkeypatch.setattr(feed_services, "FETCH_TIMEOUT", 0.5)
    source = _source(org, feed_server.serve("/feed/", RSS))
    feed_poll(source=source)
    succeeded = source.last_success_at
    misbehave(feed_server)
    result = feed_poll(source=source)
    assert message in result.error
    source.refresh_from_db()
    assert message in source.last_error
    assert source.last_polled_at > succeeded and source.last_success_at == succeeded
    assert FeedItem.objects.filter(source=source).count() == 3
    assert Post.objects.filter(organization=org, status=PostStatus.DRAFT).count() == 3
    # The next good poll clears the error.
    feed_server.serve("/feed/", RSS, last_modified="Fri, 04 Dec 2026 09:00:00 GMT")
    assert feed_poll(source=source).error == ""
    source.refresh_from_db()
    assert source.last_error == ""


def test_an_unreachable_feed_stores_the_error(org, settings):
    settings.MULTIPLIER_FETCH_ALLOW_LOOPBACK = True
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    source = _source(org, f"http://127.0.0.1:{port}/feed/")
    result = feed_poll(source=source)
    assert result.error
    source.refresh_from_db()
    assert source.last_error == result.error[:500] and source.last_success_at is None


# --- The periodic poll -------------------------------------------------------------------------


def test_scheduler_finds_tasks_modules_and_polls_active_sources(org, feed_server):
    imported = scheduler.autodiscover()
    assert "multiplier.content.tasks_feeds" in imported
    assert "multiplier.content.tasks_feeds.poll_feeds" in scheduler.REGISTRY
    job = scheduler.REGISTRY["multiplier.content.tasks_feeds.poll_feeds"]
    assert job.every.total_seconds() == 30 * 60
    active = _source(org, feed_server.serve("/a/", RSS), name="Active")
    paused = _source(org, feed_server.serve("/b/", ATOM), name="Paused", is_active=False)
    from multiplier.content.tasks_feeds import poll_feeds

    poll_feeds.call()
    assert FeedItem.objects.filter(source=active).count() == 3
    assert not FeedItem.objects.filter(source=paused).exists()


# --- Pages -------------------------------------------------------------------------------------


def test_sources_page_adds_polls_and_shows_the_error(org, manager, login, feed_server):
    client = login(manager)
    list_url = reverse("feed_source_list", args=[org.slug])
    page = client.get(list_url)
    assert "No content sources yet" in page.content.decode()
    answer = client.post(
        reverse("feed_source_create", args=[org.slug]),
        {"name": "", "url": "", "is_active": "on"},
    )
    html = answer.content.decode()
    assert "Give the source a name." in html
    assert "Enter the address of the RSS or Atom feed." in html
    answer = client.post(
        reverse("feed_source_create", args=[org.slug]),
        {"name": "Blog", "url": "not a url", "is_active": "on"},
    )
    assert "Enter the feed&#x27;s full address" in answer.content.decode()
    url = feed_server.serve("/feed/", ATOM, content_type="application/atom+xml")
    answer = client.post(reverse("feed_source_create", args=[org.slug]),
                         {"name": "Energie Nieuws", "url": url, "is_active": "on"})  # fmt: skip
    assert answer.status_code == 302
    source = FeedSource.objects.get(organization=org)
    answer = client.post(reverse("feed_source_poll", args=[org.slug, source.pk]), follow=True)
    assert "3 new items are waiting in the review queue." in answer.content.decode()
    feed_server.fail("/feed/", 500)
    answer = client.post(reverse("feed_source_poll", args=[org.slug, source.pk]), follow=True)
    html = answer.content.decode()
    assert "could not be read: The feed answered with HTTP status 500." in html
    assert "Last error" in html and "The items read before" in html
    queue = client.get(reverse("review_queue", args=[org.slug])).content.decode()
    assert "Warmtepompen in 2026: recordjaar voor installateurs" in queue


def test_ambassadors_cannot_manage_sources(org, ambassador, login):
    client = login(ambassador)
    assert client.get(reverse("feed_source_list", args=[org.slug])).status_code == 403
    assert client.get(reverse("review_queue", args=[org.slug])).status_code == 403


def test_a_blog_feed_broken_by_a_php_warning_still_gives_its_items(org, feed_server):
    """A plugin printed a PHP warning before the XML, a title has a bare "&" and a summary an
    unclosed tag: invalid XML, as real blogs serve it. The items are read all the same."""
    feed = parse_feed(BROKEN.read_bytes())
    assert [item.title for item in feed.items] == [
        "How we cut the noise of our outdoor unit by 6 dB",
        "Meet the apprentices of 2026",
        "Heat pumps & the grid: a winter peak explained",
    ]
    assert feed.items[2].summary == (
        "What happens now on the coldest evening of the year, and why smart controls matter."
    )
    source = _source(org, feed_server.serve("/feed/", BROKEN))
    assert feed_poll(source=source).new == 3
    source.refresh_from_db()
    assert source.last_error == ""


def test_the_background_poll_writes_errors_in_the_organisations_language(org, feed_server):
    org.language = "nl"
    org.save()
    source = _source(org, feed_server.fail("/feed/", 503))
    from multiplier.content.tasks_feeds import poll_feed

    poll_feed.call(source.pk)
    source.refresh_from_db()
    assert source.last_error == "De feed antwoordde met HTTP-status 503."
