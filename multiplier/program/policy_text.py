"""The policy's text: what a manager types, turned into HTML that is safe to show.

Managers write with a few simple marks (no editor to install, nothing to learn for plain text):

    ## Heading            ### Smaller heading
    - item / * item       1. numbered item
    > quotation           **bold**   *italic*   [link text](https://example.org)

An empty line starts a new paragraph; a bare https:// address becomes a link. Simple HTML works
too. Whatever comes in, `policy_html` runs it through nh3 with a short allow-list, so a <script>,
an onclick=, a javascript: link, an <iframe> or a style attribute never reaches a page.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "a", "blockquote"}
URL_SCHEMES = ("http://", "https://", "mailto:")

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^>\s?(.*)$")
# A line that starts with a block-level tag is HTML typed by hand: kept as it is (not wrapped in
# <p>, no marks applied); the sanitiser decides what stays.
_HTML_LINE = re.compile(
    r"^</?(?:p|ul|ol|li|h[1-6]|blockquote|div|section|article|table|script|style|iframe|br)\b",
    re.IGNORECASE,
)
_INLINE = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<href>[^)\s]+)\)"  # [text](url)
    r"|(?<![\w\"'=/>])(?P<bare>https?://[^\s<]*[^\s<.,;:!?)\]'\"])"  # a bare address
    r"|\*\*(?P<strong>[^*\n]+)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*\n]*?)\*(?![\w*])"
)


def _keep_safe_links(tag: str, attribute: str, value: str) -> str | None:
    # nh3 lets relative addresses through; a policy only links out (or to an e-mail address).
    if tag == "a" and attribute == "href" and not value.strip().lower().startswith(URL_SCHEMES):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener nofollow",
    attribute_filter=_keep_safe_links,
)
_TEXT_ONLY = nh3.Cleaner(tags=set())


def _inline(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match["label"] is not None:
            return f'<a href="{html.escape(match["href"])}">{match["label"]}</a>'
        if match["bare"] is not None:
            return f'<a href="{html.escape(match["bare"])}">{match["bare"]}</a>'
        if match["strong"] is not None:
            return f"<strong>{match['strong']}</strong>"
        return f"<em>{match['em']}</em>"

    return _INLINE.sub(replace, text)


def to_html(source: str) -> str:
    """The simple marks as HTML (not yet sanitised: `policy_html` does that)."""
    blocks: list[str] = []
    kind = ""  # the open block: "p", "ul", "ol", "blockquote" or ""
    lines: list[str] = []

    def close() -> None:
        nonlocal kind, lines
        if kind == "p":
            blocks.append("<p>" + "<br>\n".join(map(_inline, lines)) + "</p>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{_inline(item)}</li>" for item in lines)
            blocks.append(f"<{kind}>{items}</{kind}>")
        elif kind == "blockquote":
            blocks.append(
                "<blockquote><p>" + "<br>\n".join(map(_inline, lines)) + "</p></blockquote>"
            )
        kind, lines = "", []

    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        if _HTML_LINE.match(line):
            close()
            blocks.append(line)
            continue
        if heading := _HEADING.match(line):
            close()
            level = "h3" if len(heading[1]) == 3 else "h2"  # a page has one h1: the title
            blocks.append(f"<{level}>{_inline(heading[2])}</{level}>")
            continue
        for pattern, block in ((_BULLET, "ul"), (_NUMBERED, "ol"), (_QUOTE, "blockquote")):
            if found := pattern.match(line):
                if kind != block:
                    close()
                    kind = block
                lines.append(found[1])
                break
        else:
            if kind in ("ul", "ol") and raw[:1].isspace():
                lines[-1] += " " + line  # an indented line continues the list item
            else:
                if kind != "p":
                    close()
                    kind = "p"
                lines.append(line)
    close()
    return "\n".join(blocks)


def sanitise(markup: str) -> str:
    """HTML reduced to the allow-list. Safe to output as it is."""
    return _CLEANER.clean(markup)


def policy_html(source: str) -> str:
    """What a manager typed, as sanitised HTML."""
    return sanitise(to_html(source))


def has_text(markup: str) -> bool:
    """Whether any readable text is left (a policy that was only a <script> is not a policy)."""
    return bool(html.unescape(_TEXT_ONLY.clean(markup)).strip())
