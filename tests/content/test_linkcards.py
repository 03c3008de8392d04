"""Link cards: reading them out of HTML, and the services that fetch, store and edit them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from multiplier.content.linkcards import parse_card
from multiplier.content.models import CardStatus, Post
from multiplier.content.services import link_cards
from multiplier.content.services.link_cards import (
    link_card_edit,
    link_card_fetch,
    link_card_request,
)

from .local_web import LocalWeb

# --- parsing -------------------------------------------------------------------------------------


def test_opengraph_comes_first() -> None:
    html = b"""<html><head><title>Page title</title>
    <meta name="twitter:title" content="Twitter title">
    <meta property="og:title" content="OG &amp; title">
    <meta property="og:description" content="  Two
       lines  ">
    <meta name="description" content="Meta description">
    <meta property="og:image" content="/img/a.jpg">
    <meta property="og:image" content="/img/second.jpg">
    <meta property="og:site_name" content="Acme News">
    </head><body></body></html>"""
    card = parse_card(html, url="https://www.acme.example/news/1")
    assert card.title == "OG & title"
    assert card.description == "Two lines"
    assert card.image_url == "https://www.acme.example/img/a.jpg"
    assert card.site_name == "Acme News"


def test_twitter_card_when_there_is_no_opengraph() -> None:
    html = b"""<head><title>Page title</title>
    <meta name="twitter:title" content="Twitter title">
    <meta name="twitter:description" content="Twitter description">
    <meta name="twitter:image" content="https://cdn.example/t.png"></head>"""
    card = parse_card(html, url="https://acme.example/")
    assert (card.title, card.description, card.image_url) == (
        "Twitter title",
        "Twitter description",
        "https://cdn.example/t.png",
    )


def test_property_and_name_are_both_read() -> None:
    html = b"""<head><meta property="twitter:title" content="By property">
    <meta name="og:description" content="By name"></head>"""
    card = parse_card(html, url="https://a.example/")
    assert (card.title, card.description) == ("By property", "By name")


def test_plain_html_falls_back_to_title_and_meta_description() -> None:
    html = b"""<html><head><title>
      Spring   menu </title><meta name="description" content="What we serve."></head>
      <body><title>not this one</title></body></html>"""
    card = parse_card(html, url="http://www.cafe.example/menu")
    assert card.title == "Spring menu"
    assert card.description == "What we serve."
    assert card.image_url == ""
    assert card.site_name == "cafe.example"  # the host, when the page names no site


def test_charset_from_meta_and_from_header() -> None:
    page = '<meta charset="windows-1252"><title>Caf\u00e9 \u2013 menu</title>'.encode("cp1252")
    assert parse_card(page, url="https://a.example/").title == "Caf\u00e9 \u2013 menu"
    page = "<title>Cr\u00e8me br\u00fbl\u00e9e</title>".encode("iso-8859-1")
    header = "text/html; charset=ISO-8859-1"
    assert parse_card(page, url="https://a.example/", content_type=header).title == (
        "Cr\u00e8me br\u00fbl\u00e9e"
    )
    # Without any charset: UTF-8, and bad bytes do not fail the card.
    assert parse_card(b"<title>ok \xff</title>", url="https://a.example/").title == "ok \ufffd"


def test_header_charset_wins_over_meta_and_bom_wins_over_both() -> None:
    page = '<meta charset="utf-8"><title>\u00e9t\u00e9</title>'.encode("cp1252")
    header = "text/html; charset=windows-1252"
    assert parse_card(page, url="https://a.example/", content_type=header).title == "\u00e9t\u00e9"
    page = b"\xef\xbb\xbf" + "<title>\u00e9t\u00e9</title>".encode()
    assert parse_card(page, url="https://a.example/", content_type=header).title == "\u00e9t\u00e9"


@pytest.mark.parametrize(
    "image, expected",
    [
        ("/a.jpg", "https://acme.example/a.jpg"),
        ("b.jpg", "https://acme.example/news/b.jpg"),
        ("//cdn.example/c.jpg", "https://cdn.example/c.jpg"),
        ("http://cdn.example/d.jpg", "http://cdn.example/d.jpg"),
        (" https://cdn.example/my\nimage.jpg ", "https://cdn.example/myimage.jpg"),
        ("https://cdn.example/with space.jpg", "https://cdn.example/with%20space.jpg"),
        ("javascript:alert(1)", ""),
        ("data:image/png;base64,iVBORw0KGgo=", ""),
        ("ftp://cdn.example/e.jpg", ""),
        ("https://user:pw@cdn.example/f.jpg", ""),
        ("https://cdn.example:notaport/g.jpg", ""),
        ("https://cdn.example/" + "x" * 1000, ""),  # too long for the field: dropped, not cut
    ],
)
def test_only_absolute_http_image_urls(image, expected) -> None:
    html = f'<head><meta property="og:image" content="{image}"><title>t</title></head>'.encode()
    assert parse_card(html, url="https://acme.example/news/1").image_url == expected


def test_base_href_and_link_image_src() -> None:
    html = b"""<head><base href="https://static.example/site/"><title>t</title>
    <link rel="image_src" href="pic.png"></head>"""
    card = parse_card(html, url="https://acme.example/a")
    assert card.image_url == "https://static.example/site/pic.png"


def test_texts_are_cleaned_and_cut_to_the_fields() -> None:
    title = "word " * 100  # 500 characters
    html = (
        f'<head><meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{"s" * 300}">'
        f'<meta property="og:description" content="a\u200b\u0007b {"d" * 2000}"></head>'
    ).encode()
    card = parse_card(html, url="https://a.example/")
    assert len(card.title) <= Post._meta.get_field("card_title").max_length
    assert card.title.endswith("word…")  # cut at a word
    assert len(card.site_name) == Post._meta.get_field("card_site_name").max_length
    assert card.description.startswith("ab ")  # control and zero-width characters removed
    assert len(card.description) == 1000


def test_broken_and_cut_off_html_does_not_fail() -> None:
    assert (
        parse_card(b"<meta property='og:title' content='Half", url="https://a.example/").title == ""
    )
    card = parse_card(b"<html><head><title>Cut off ti", url="https://a.example/")
    assert card.title == "Cut off ti"
    assert parse_card(b"", url="https://a.example/").is_empty()
    assert parse_card(b"\x00\x01<<<>>>&&&#;", url="https://a.example/").is_empty()


# --- the services, against the local web server ---------------------------------------------------


@pytest.fixture
def web(settings) -> Iterator[LocalWeb]:
    settings.MULTIPLIER_FETCH_ALLOW_LOOPBACK = True
    with LocalWeb() as server:
        yield server


@pytest.fixture
def make_post(org):
    def make(link: str, **fields) -> Post:
        n = Post.objects.count() + 1
        return Post.objects.create(
            organization=org, title=f"Post {n}", slug=f"post-{n}", link=link, **fields
        )

    return make


def test_request_fetches_and_stores_the_card(web, make_post) -> None:
    post = make_post(web.url("/og"))
    link_card_request(post=post)  # tasks run at once in tests
    post.refresh_from_db()
    assert post.card_status == CardStatus.FETCHED
    assert post.card_title == "Our new plant opens & hires 200 people"
    assert post.card_description == "The plant in Eindhoven opens in May."
    assert post.card_image_url == web.url("/images/plant.jpg")
    assert post.card_site_name == "Acme News"
    assert post.card_error == ""
    assert post.card_fetched_at is not None


def test_a_page_without_opengraph(web, make_post) -> None:
    post = make_post(web.url("/plain"))
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_status == CardStatus.FETCHED
    assert post.card_title == "Caf\u00e9 menu \u2013 spring"
    assert post.card_description == "Cr\u00e8me br\u00fbl\u00e9e is back."
    assert post.card_site_name == "127.0.0.1"


def test_a_huge_page_still_gives_its_card(web, make_post, settings) -> None:
    settings.LINK_CARD_MAX_BYTES = 50_000
    post = make_post(web.url("/huge"))
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_status == CardStatus.FETCHED
    assert post.card_title == "Our new plant opens & hires 200 people"


@pytest.mark.parametrize(
    "path, error",
    [
        ("/status/404", "The site answered with error 404."),
        ("/image", "The address is not a web page (image/png)."),
        ("/slow", "The site took too long to answer."),
        ("/status/200", "The page has no title, description or image."),
    ],
)
def test_failures_are_recorded_for_the_manager(web, make_post, settings, path, error) -> None:
    settings.LINK_CARD_TIMEOUT_SECONDS = 0.5
    post = make_post(web.url(path), card_title="Old card of another link")
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_status == CardStatus.FAILED
    assert post.card_error == error
    assert post.card_title == ""
    assert post.card_fetched_at is not None


def test_an_unexpected_error_fails_the_card_instead_of_leaving_it_pending(
    web, make_post, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(link_cards, "parse_card", broken)
    post = make_post(web.url("/og"))
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_status == CardStatus.FAILED
    assert post.card_error == "The page could not be read."


def test_failure_message_in_the_organisation_language(web, make_post, org) -> None:
    org.language = "nl"
    org.save()
    post = make_post(web.url("/status/500"))
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_error == "De site antwoordde met fout 500."


def test_without_a_test_stub_nothing_leaves_the_machine(make_post, _no_internet) -> None:
    post = make_post("https://news.example.com/article")
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_status == CardStatus.FAILED
    assert post.card_error == "The site's name could not be found."
    assert _no_internet.refused == [("news.example.com", 443)]
    _no_internet.refused.clear()


def test_loopback_is_refused_when_not_in_tests(make_post, settings) -> None:
    with LocalWeb() as server:
        post = make_post(server.url("/og"))
        link_card_request(post=post)
        assert server.requests == []
    post.refresh_from_db()
    assert post.card_status == CardStatus.FAILED
    assert "private network" in post.card_error


def test_request_without_a_link_clears_the_status(make_post) -> None:
    post = make_post("", card_status=CardStatus.FAILED, card_error="old")
    link_card_request(post=post)
    post.refresh_from_db()
    assert (post.card_status, post.card_error) == (CardStatus.NONE, "")


def test_a_card_edited_by_hand_is_not_overwritten_by_a_late_fetch(
    web, make_post, manager, monkeypatch
) -> None:
    post = make_post(web.url("/og"))
    real_fetch = link_cards.fetch

    def fetch_while_the_manager_edits(url: str, **kwargs):
        result = real_fetch(url, **kwargs)  # the real fetch, over a real socket
        link_card_edit(
            post=Post.objects.get(pk=post.pk),
            title="Written by hand",
            description="Our words",
            image_url="https://cdn.example/own.jpg",
            by=manager,
        )
        return result

    monkeypatch.setattr(link_cards, "fetch", fetch_while_the_manager_edits)
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_status == CardStatus.MANUAL
    assert post.card_title == "Written by hand"
    assert post.card_image_url == "https://cdn.example/own.jpg"
    assert web.paths() == ["/og"]
    # And a fetch that starts after the edit does not even go out.
    assert link_card_fetch(post_id=post.pk) == "skipped"
    assert web.paths() == ["/og"]


def test_a_fetch_for_a_link_that_changed_meanwhile_is_dropped(web, make_post, monkeypatch) -> None:
    post = make_post(web.url("/og"))
    real_fetch = link_cards.fetch
    outcomes: list[str] = []

    def fetch_while_the_link_changes(url: str, **kwargs):
        result = real_fetch(url, **kwargs)
        if url.endswith("/og"):
            # The manager saves a new link; its own fetch runs (at once, in tests) and
            # finishes before this older one.
            fresh = Post.objects.get(pk=post.pk)
            fresh.link = web.url("/plain")
            fresh.save()
            link_card_request(post=fresh)
        return result

    monkeypatch.setattr(link_cards, "fetch", fetch_while_the_link_changes)
    real_service = link_cards.link_card_fetch

    def recording(**kwargs) -> str:
        outcomes.append(real_service(**kwargs))
        return outcomes[-1]

    monkeypatch.setattr("multiplier.content.tasks_link_cards.link_card_fetch", recording)
    link_card_request(post=post)
    post.refresh_from_db()
    assert post.card_status == CardStatus.FETCHED
    assert post.card_title == "Caf\u00e9 menu \u2013 spring"  # the new link's card
    assert outcomes == ["stored", "dropped"]  # the newer fetch stored; the older one dropped


def test_edit_by_hand(make_post, manager) -> None:
    post = make_post("https://www.acme.example/a", card_status=CardStatus.FAILED, card_error="x")
    link_card_edit(post=post, title="  Our title ", description="Text", image_url="", by=manager)
    post.refresh_from_db()
    assert post.card_status == CardStatus.MANUAL
    assert (post.card_title, post.card_description, post.card_error) == ("Our title", "Text", "")
    assert post.card_site_name == "acme.example"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"image_url": "javascript:alert(1)"}, "card_image_url"),
        ({"image_url": "data:image/png;base64,AAAA"}, "card_image_url"),
        ({"image_url": "ftp://cdn.example/a.png"}, "card_image_url"),
        ({"title": "t" * 301}, "card_title"),
        ({"description": "d" * 1001}, "card_description"),
    ],
)
def test_edit_by_hand_is_validated(make_post, manager, fields, field) -> None:
    post = make_post("https://acme.example/a")
    values = {"title": "T", "description": "D", "image_url": "", **fields}
    with pytest.raises(ValidationError) as error:
        link_card_edit(post=post, by=manager, **values)
    assert set(error.value.message_dict) == {field}
    post.refresh_from_db()
    assert post.card_status == CardStatus.NONE


def test_edit_by_someone_from_another_organisation(make_post, outsider) -> None:
    post = make_post("https://acme.example/a")
    with pytest.raises(PermissionDenied):
        link_card_edit(post=post, title="x", description="", image_url="", by=outsider)


def test_cards_left_pending_by_a_dead_worker_are_fetched_again(web, make_post) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from multiplier.content.services.link_cards import link_cards_resume

    stuck = make_post(web.url("/og"), card_status=CardStatus.PENDING)
    fresh = make_post(web.url("/plain"), card_status=CardStatus.PENDING)
    long_ago = timezone.now() - timedelta(hours=1)
    Post.objects.filter(pk=stuck.pk).update(updated_at=long_ago)  # auto_now: set it this way
    assert link_cards_resume() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.card_status == CardStatus.FETCHED
    assert fresh.card_status == CardStatus.PENDING  # its own fetch may still be running
    assert web.paths() == ["/og"]


def test_a_stuck_card_is_retried_once_per_period(make_post, settings) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from multiplier.content.services.link_cards import link_cards_resume

    # The queue does not run the task (as when no worker is up): the card stays pending.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    post = make_post("https://acme.example/a", card_status=CardStatus.PENDING)
    Post.objects.filter(pk=post.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert link_cards_resume() == 1
    assert link_cards_resume() == 0  # tried just now
    assert link_cards_resume(now=timezone.now() + timedelta(minutes=16)) == 1


def test_the_resume_runs_through_the_scheduler(web, make_post) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from multiplier.core import scheduler

    job = scheduler.REGISTRY["multiplier.content.tasks_link_cards.resume_link_cards"]
    assert job.every == timedelta(minutes=10)
    stuck = make_post(web.url("/og"), card_status=CardStatus.PENDING)
    Post.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert job.name in scheduler.tick(jobs={job.name: job})  # the immediate backend runs it
    stuck.refresh_from_db()
    assert stuck.card_status == CardStatus.FETCHED
