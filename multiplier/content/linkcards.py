"""Reading a link card out of a web page: OpenGraph, then Twitter card, then plain HTML.

`parse_card(body, url=..., content_type=...)` takes the (possibly cut-off) bytes that
`content.fetch` returned and gives a `LinkCard` whose texts are clean and fit the Post model's
fields. It never raises on bad HTML: a page that says nothing gives an empty card.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .models import Post

# The description is a TextField; a card shows two or three lines, so keep it short.
DESCRIPTION_MAX_LENGTH = 1000
# Browsers look for a <meta charset> in the first 1024 bytes; be a little more generous.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_SPACE = re.compile(r"\s+")


def _max_length(field: str) -> int:
    return Post._meta.get_field(field).max_length  # type: ignore[return-value]


@dataclass
class LinkCard:
    title: str = ""
    description: str = ""
    image_url: str = ""
    site_name: str = ""

    def is_empty(self) -> bool:
        return not (self.title or self.description or self.image_url)


def parse_card(body: bytes, *, url: str, content_type: str = "") -> LinkCard:
    """The card of the page at `url` (its final address, after redirects)."""
    parser = _HeadParser()
    try:
        parser.feed(decode_html(body, content_type))
        parser.close()
    except _Done:
        pass
    meta = parser.meta
    base = urljoin(url, parser.base_href) if parser.base_href else url

    def first(*keys: str) -> str:
        for key in keys:
            if value := clean_text(meta.get(key, "")):
                return value
        return ""

    image = ""
    for candidate in (
        *(meta.get(k, "") for k in ("og:image:secure_url", "og:image", "og:image:url")),
        *(meta.get(k, "") for k in ("twitter:image", "twitter:image:src")),
        parser.image_src,
    ):
        if image := clean_image_url(candidate, base=base):
            break

    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return LinkCard(
        title=cut(first("og:title", "twitter:title") or clean_text(parser.title), "card_title"),
        description=cut(
            first("og:description", "twitter:description", "description"),
            max_length=DESCRIPTION_MAX_LENGTH,
        ),
        image_url=image,
        site_name=cut(first("og:site_name", "application-name") or host, "card_site_name"),
    )


def is_html(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind in ("", "text/html", "application/xhtml+xml")


def decode_html(body: bytes, content_type: str = "") -> str:
    """Bytes to text: a byte-order mark, else the header's charset, else a <meta> charset near
    the top, else UTF-8. Undecodable bytes become U+FFFD rather than failing the card."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    candidates = []
    if content_type:
        message = Message()
        message["content-type"] = content_type
        candidates.append(message.get_param("charset") or "")
    if match := _META_CHARSET.search(body[:_PRESCAN_BYTES]):
        candidates.append(match.group(1).decode("ascii", errors="ignore"))
    for name in candidates:
        if encoding := _codec(str(name)):
            return body.decode(encoding, errors="replace")
    return body.decode("utf-8", errors="replace")


def _codec(name: str) -> str | None:
    try:
        encoding = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    # As browsers do: "latin-1" and "ascii" pages are really windows-1252; a page cannot
    # claim to be UTF-16 in ASCII-compatible <meta> text.
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        return "utf-8"
    return encoding


def clean_text(value: str) -> str:
    """One line of readable text: entities are already decoded by the parser; control and
    format characters go, runs of white space become one space."""
    value = "".join(
        " " if ch in "\t\n\r\f\v" else ch
        for ch in value
        if ch in "\t\n\r\f\v" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )
    return _SPACE.sub(" ", value).strip()


def cut(value: str, field: str = "", *, max_length: int = 0) -> str:
    """`value` cut to the model field's length, at a word where possible, with an ellipsis."""
    limit = max_length or _max_length(field)
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    if " " in head[limit // 2 :]:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.-") + "…"


def clean_image_url(value: str, *, base: str) -> str:
    """An absolute http(s) address of the image, or "" (data:, javascript: and the like, and
    addresses too long for the field, are dropped rather than stored)."""
    # Newlines and tabs inside an attribute are dropped, as browsers do; spaces are escaped.
    value = "".join(ch for ch in value.strip() if ch not in "\t\n\r").replace(" ", "%20")
    if not value:
        return ""
    try:
        absolute = urljoin(base, value)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
            return ""
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return ""
    if len(absolute) > _max_length("card_image_url"):
        return ""
    return absolute


class _Done(Exception):
    """The head is over: stop parsing (cards live in the head; bodies can be megabytes)."""


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.base_href = ""
        self.image_src = ""
        self._in_title = False
        self._title_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta":
            # Sites mix them up (property="twitter:title", name="og:title"): take both.
            for attribute in ("property", "name"):
                key = values.get(attribute, "").strip().lower()
                # The first value wins (og:image may repeat; the first is the main one).
                if key and "content" in values and key not in self.meta:
                    self.meta[key] = values["content"]
        elif tag == "title" and not self._title_done:
            self._in_title = True
        elif tag == "base" and not self.base_href:
            self.base_href = values.get("href", "").strip()
        elif tag == "link" and "image_src" in values.get("rel", "").lower().split():
            self.image_src = self.image_src or values.get("href", "")
        elif tag == "body" and (self.meta or self.title):
            raise _Done

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self._title_done = True
        elif tag == "head" and (self.meta or self.title):
            raise _Done

    def handle_data(self, data: str) -> None:
        if self._in_title and len(self.title) < 10_000:
            self.title += data
