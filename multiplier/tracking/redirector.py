"""The redirector: `GET /r/<code>` answers 302 to the destination stored for that code.

It runs in front of Django's request stack (`RedirectorMiddleware`, wrapped around the WSGI
application in `multiplier/wsgi.py`), because it is the one URL that is requested at the rate of
people clicking links in posts, and the whole stack (sessions, CSRF, auth, locale, the
organisation resolver) has nothing to do for it. Per request it does a dictionary look-up in this
process's cache of codes (one indexed query on a miss), one bot check (cached per User-Agent), and
one append to the click spool. Anything it does not answer itself (an unknown code, plain HTTP
that must go to HTTPS first) goes on to Django, where `redirect_view` answers the same URL (so the
test client and `runserver` work too) and an unknown code gets the friendly 404 page.

The Location is only ever the destination stored for the code: nothing from the request (query
string, headers, path beyond the code) goes into it, so the redirector cannot be used as an open
redirect.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from multiplier.core.models import Organization

from .bots import is_bot
from .models import TrackedLink
from .spool import Hit, Spool
from .visitors import visitor_hash

logger = logging.getLogger(__name__)

CODE_RE = re.compile(r"[A-Za-z0-9]{1,16}")
PREFIX = "/r/"
# A cached code is looked up again after this long, so a deleted link stops working in time.
CACHE_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class Target:
    link_id: int
    destination: str
    tz: ZoneInfo


class LinkCache:
    """A least-recently-used cache of code -> Target with a time limit, shared by the threads of
    one process. Only known codes are cached: unknown ones go to the (rare) 404 page."""

    def __init__(self, size: int) -> None:
        self.size = size
        # Values are plain tuples of numbers and strings (expires, link id, destination, time
        # zone name): the garbage collector stops tracking such tuples, so a cache of 100,000
        # links does not make every full collection (a pause for all requests) longer.
        self._items: OrderedDict[str, tuple[float, int, str, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, code: str) -> Target | None:
        now = time.monotonic()
        with self._lock:
            item = self._items.get(code)
            if item is not None and item[0] > now:
                self._items.move_to_end(code)
                return Target(item[1], item[2], _zone(item[3]))
        row = self._load(code)
        if row is None:
            return None
        with self._lock:
            self._items[code] = (now + CACHE_SECONDS, row[0], row[1], row[2])
            self._items.move_to_end(code)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return Target(row[0], row[1], _zone(row[2]))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    @staticmethod
    def _load(code: str) -> tuple[int, str, str] | None:
        # Plain SQL, not the ORM: building a query costs ten times more than running it, and
        # misses are frequent when people click many different links.
        with connection.cursor() as cursor:
            cursor.execute(_lookup_sql(), [code])
            row = cursor.fetchone()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))


@lru_cache(maxsize=1)
def _lookup_sql() -> str:
    """One indexed look-up by the unique code, joined to the organisation for its time zone."""
    quote = connection.ops.quote_name
    link, org = TrackedLink._meta, Organization._meta
    return (
        f"SELECT l.{quote('id')}, l.{quote('destination')}, o.{quote('time_zone')} "  # noqa: S608 (names from our models)
        f"FROM {quote(link.db_table)} l JOIN {quote(org.db_table)} o "
        f"ON o.{quote('id')} = l.{quote('organization_id')} WHERE l.{quote('code')} = %s"
    )


_zones: dict[str, ZoneInfo] = {}


def _zone(name: str) -> ZoneInfo:
    zone = _zones.get(name)
    if zone is None:
        zone = _zones[name] = ZoneInfo(name)
    return zone


cache = LinkCache(settings.LINK_CACHE_SIZE)
# Read once, not per request: every attribute of Django's lazy settings object goes through
# LazyObject.__getattribute__ (about a microsecond here, more than the rest of client_ip).
_TRUST_FORWARDED_FOR = bool(settings.TRUST_X_FORWARDED_FOR)
_spool: Spool | None = None


def spool() -> Spool:
    global _spool
    if _spool is None:
        _spool = Spool()
    return _spool


def record(target: Target, environ: Mapping[str, Any]) -> None:
    """Classify the request (person or bot) and append its hit to the spool before the 302 goes
    out: an answered click is a stored one. `environ` is the WSGI environment (Django's
    `request.META`), so the fast path and the view record the same way."""
    method = environ["REQUEST_METHOD"]
    user_agent = environ.get("HTTP_USER_AGENT", "")
    ip = client_ip(environ)
    now = time.time()
    day = datetime.fromtimestamp(now, target.tz).date()
    human = not is_bot(method=method, user_agent=user_agent)
    try:
        visitor = visitor_hash(day=day, ip=ip, user_agent=user_agent) if human else ""
    except DatabaseError:
        # The day's key could not be read or made: count the click, not the visitor.
        logger.exception("no visitor key for %s", day)
        visitor = ""
    hit = Hit(link_id=target.link_id, at=now, day=day, human=human, visitor=visitor)
    try:
        spool().append(hit)
    except OSError:
        # The person still gets where they were going; the operator sees why clicks are missing.
        logger.exception("could not write a click to the spool in %s", spool().directory)


def client_ip(meta: Mapping[str, Any]) -> str:
    """The visitor's address: behind the proxy it is the last X-Forwarded-For entry (the one our
    proxy appended; earlier ones come from the client and can be anything)."""
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "") if _TRUST_FORWARDED_FOR else ""
    if forwarded:
        return forwarded.rsplit(",", 1)[-1].strip()
    return meta.get("REMOTE_ADDR", "")


def resolve(code: str) -> Target | None:
    if not CODE_RE.fullmatch(code):
        return None
    return cache.get(code)


# --- Django's view (test client, runserver, and whatever the fast path passes on) --------------


def redirect_view(request: HttpRequest, code: str) -> HttpResponse:
    if request.method not in {"GET", "HEAD"}:
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    target = resolve(code)
    if target is None:
        return render(request, "tracking/link_not_found.html", status=404)
    record(target, request.META)
    return HttpResponse(status=302, headers={"Location": target.destination, **_HEADERS})


# --- The fast path ------------------------------------------------------------------------------

_HEADERS = {
    # Every click must reach us to be counted; browsers must not replay the redirect from cache.
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
StartResponse = Callable[..., Any]


class RedirectorMiddleware:
    """WSGI middleware: answers `GET|HEAD /r/<known code>` itself, passes everything else on."""

    def __init__(self, app: Callable[[dict, StartResponse], Iterable[bytes]]) -> None:
        self.app = app
        self.ssl_redirect = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
        self.proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        self.headers = [*_HEADERS.items(), ("Content-Length", "0")]

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX) or environ.get("REQUEST_METHOD") not in {"GET", "HEAD"}:
            return self.app(environ, start_response)
        if self.ssl_redirect and not self._is_https(environ):
            return self.app(environ, start_response)  # Django redirects to https first
        code = path[len(PREFIX) :]
        try:
            target = resolve(code)
        except Exception:
            # A broken database connection: drop it (the next request reconnects) and let
            # Django's stack answer, with its own error handling.
            close_old_connections()
            logger.exception("redirector look-up of %r failed", code)
            return self.app(environ, start_response)
        if target is None:
            return self.app(environ, start_response)  # the friendly 404 page
        record(target, environ)
        start_response("302 Found", [("Location", target.destination), *self.headers])
        return [b""]

    def _is_https(self, environ: dict) -> bool:
        if environ.get("wsgi.url_scheme") == "https":
            return True
        if self.proxy_header:
            header, value = self.proxy_header
            return environ.get(header) == value
        return False
