"""The redirector: the WSGI fast path (a real WSGI call into the production application) and
Django's view for the same URL (test client)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone

from multiplier.content.models import PostStatus
from multiplier.tracking.models import Click, LinkDay
from multiplier.tracking.redirector import RedirectorMiddleware
from multiplier.tracking.services.clicks import clicks_ingest

from .conftest import BROWSER

pytestmark = pytest.mark.django_db


class Recorder:
    """Django's WSGI application, noting whether a request reached it."""

    def __init__(self) -> None:
        self.django = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


def wsgi_call(app, path: str, *, method: str = "GET", agent: str = BROWSER, **extra):
    """One request through the WSGI interface, as the web server (granian) makes it."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "203.0.113.9",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **({"HTTP_USER_AGENT": agent} if agent is not None else {}),
        **extra,
    }
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body.decode()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's WSGI handler closes the database connection after each request; the test's
    transaction lives on it (Django's test client disconnects the same signals)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def app():
    inner = Recorder()
    return RedirectorMiddleware(inner), inner


def day_of(link) -> LinkDay:
    return LinkDay.objects.get(link=link)


def test_fast_path_answers_302_to_the_stored_destination_and_stores_the_click(app, make_link):
    middleware, django = app
    link = make_link("https://example.org/news?id=7#top")
    status, headers, body = wsgi_call(middleware, f"/r/{link.code}")
    assert status == 302
    assert headers["Location"] == link.destination
    assert link.destination == (
        "https://example.org/news?id=7&utm_source=linkedin&utm_medium=employee_advocacy"
        "&utm_campaign=post-1&utm_content=v1#top"
    )
    assert headers["Cache-Control"] == "no-store"
    assert body == ""
    assert django.calls == 0  # answered before Django's stack

    assert clicks_ingest() == 1
    click = Click.objects.get()
    assert (click.link, click.human) == (link, True)
    assert (day_of(link).clicks, day_of(link).visitors, day_of(link).bot_hits) == (1, 1, 0)


def test_django_view_answers_the_same_url(client, make_link):
    link = make_link()
    response = client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302
    assert response["Location"] == link.destination
    clicks_ingest()
    assert day_of(link).clicks == 1


@pytest.mark.parametrize(
    "language, text",
    [("en", "This link does not lead anywhere"), ("nl", "Deze link leidt nergens heen")],
)
def test_unknown_code_gets_the_friendly_404_page(app, make_link, language, text):
    middleware, django = app
    make_link()
    status, headers, body = wsgi_call(middleware, "/r/NoSuchCode", HTTP_ACCEPT_LANGUAGE=language)
    assert status == 404
    assert text in body
    assert django.calls == 1  # the page comes from Django, with its headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert clicks_ingest() == 0


def test_head_requests_and_preview_fetchers_are_redirected_but_not_counted(app, make_link):
    middleware, _ = app
    link = make_link()
    assert wsgi_call(middleware, f"/r/{link.code}", method="HEAD")[0] == 302
    for agent in ("LinkedInBot/1.0", "facebookexternalhit/1.1", ""):
        status, headers, _ = wsgi_call(middleware, f"/r/{link.code}", agent=agent)
        assert (status, headers["Location"]) == (302, link.destination)
    assert clicks_ingest() == 4
    assert (day_of(link).clicks, day_of(link).visitors, day_of(link).bot_hits) == (0, 0, 4)
    assert not Click.objects.filter(human=True).exists()


def test_an_expired_or_archived_post_still_redirects(client, make_link):
    link = make_link(ends_at=timezone.now() - timedelta(days=400))
    link.post.status = PostStatus.ARCHIVED
    link.post.save()
    response = client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER)
    assert (response.status_code, response["Location"]) == (302, link.destination)
    # ... and so does a link whose post was deleted.
    link.post.delete()
    response = client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER)
    assert (response.status_code, response["Location"]) == (302, link.destination)


def test_nothing_from_the_request_goes_into_the_location(app, make_link):
    middleware, _ = app
    link = make_link()
    for path in (
        f"/r/{link.code}?next=https://evil.example/",
        f"/r/{link.code}?url=//evil.example",
    ):
        status, headers, _ = wsgi_call(
            middleware, path, HTTP_HOST="evil.example", HTTP_X_FORWARDED_HOST="evil.example"
        )
        assert (status, headers["Location"]) == (302, link.destination)
    for path in (
        f"/r/{link.code}/https://evil.example",
        f"/r/{link.code}//evil.example",
        "/r/https://evil.example",
        "/r/",
        f"/r/{link.code}%0d%0aLocation:%20https://evil.example",
    ):
        status, headers, _ = wsgi_call(middleware, path)
        assert status == 404, path
        assert "Location" not in headers


def test_other_methods_are_refused(client, make_link):
    link = make_link()
    response = client.post(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER)
    assert response.status_code in {403, 405}  # CSRF or method: never a redirect
    assert clicks_ingest() == 0


def test_plain_http_goes_to_https_first_when_required(settings, make_link):
    settings.SECURE_SSL_REDIRECT = True
    inner = Recorder()
    middleware = RedirectorMiddleware(inner)
    link = make_link()
    status, headers, _ = wsgi_call(middleware, f"/r/{link.code}")
    assert status == 301 and headers["Location"].startswith("https://")
    assert clicks_ingest() == 0
    # Behind the TLS proxy the fast path answers.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    middleware = RedirectorMiddleware(inner)
    status, headers, _ = wsgi_call(middleware, f"/r/{link.code}", HTTP_X_FORWARDED_PROTO="https")
    assert (status, headers["Location"]) == (302, link.destination)


def test_the_production_application_has_the_fast_path():
    from multiplier import wsgi

    assert isinstance(wsgi.application, RedirectorMiddleware)


def test_a_full_disk_does_not_stop_people_from_getting_there(app, make_link, spool_dir):
    middleware, _ = app
    link = make_link()
    spool_dir.parent.mkdir(parents=True, exist_ok=True)
    spool_dir.write_text("a file where the folder should be")  # every write fails
    status, headers, _ = wsgi_call(middleware, f"/r/{link.code}")
    assert (status, headers["Location"]) == (302, link.destination)
