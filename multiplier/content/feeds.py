"""Reading RSS and Atom feeds: bytes in (fetched by content/fetch.py), plain items out.

feedparser never fetches anything itself here: it gets the bytes `fetch()` brought through the
one guarded door to the internet. Titles and summaries come out as plain text: feeds carry HTML
(and sometimes scripts), which nh3 strips before anything is stored or shown.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
import nh3
from django.utils.translation import gettext as _

SUMMARY_MAX = 2000
TITLE_MAX = 500


class FeedParseError(Exception):
    """The bytes are not a feed we can read; `str()` is a message fit to show a manager."""


@dataclass(frozen=True)
class ParsedItem:
    guid: str  # the item's id, or its link when it has none
    link: str
    title: str
    summary: str
    published_at: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: list[ParsedItem]  # newest first


_SPACE = re.compile(r"\s+")
# WordPress (and Yoast) end every summary with "The post <title> appeared first on <site>.": a
# line for feed readers that would only clutter a colleague's post.
_APPEARED_FIRST = re.compile(r"\s*The post .{1,400}? appeared first on .{1,200}?\.\s*$")


def plain_text(markup: str, limit: int | None = None) -> str:
    """HTML to one line of text: tags removed (script and style with their content), entities
    decoded, white space collapsed."""
    stripped = nh3.clean(markup or "", tags=set())
    text = _SPACE.sub(" ", html.unescape(stripped)).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _moment(entry: feedparser.FeedParserDict) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _link(entry: feedparser.FeedParserDict) -> str:
    link = (entry.get("link") or "").strip()
    # Only web links become posts' links; a feed may carry "javascript:" or relative nonsense.
    return link if link.startswith(("http://", "https://")) else ""


def _summary(entry: feedparser.FeedParserDict) -> str:
    summary = entry.get("summary") or ""
    if not summary and entry.get("content"):
        summary = entry["content"][0].get("value", "")
    return _APPEARED_FIRST.sub("", plain_text(summary, SUMMARY_MAX))


def parse_feed(body: bytes) -> ParsedFeed:
    """Read a feed's bytes. A feed with small errors still gives the items that could be read;
    something that is not a feed at all (an HTML page, garbage) raises FeedParseError."""
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        raise FeedParseError(_("This is not an RSS or Atom feed (perhaps a web page)."))
    items: list[ParsedItem] = []
    for entry in parsed.entries:
        link = _link(entry)
        guid = (entry.get("id") or "").strip() or link
        if not guid:
            continue  # nothing to recognise the item by next time: it would come back forever
        items.append(
            ParsedItem(
                guid=guid[:1000],
                link=link[:1000],
                title=plain_text(entry.get("title", ""), TITLE_MAX),
                summary=_summary(entry),
                published_at=_moment(entry),
            )
        )
    epoch = datetime.min.replace(tzinfo=UTC)
    items.sort(key=lambda item: item.published_at or epoch, reverse=True)
    return ParsedFeed(title=plain_text(parsed.feed.get("title", ""), 200), items=items)
