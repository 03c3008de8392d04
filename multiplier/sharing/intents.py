"""Share intents: the address that opens a network's own "new post" screen with the text and the
tracked link filled in, exactly as listed in shared/notes/networks.md. No keys, no API: they work
for every member on day one.

Where a network takes a separate `url` parameter (X, Threads, Telegram, Facebook) the link goes
there and not into the text, or it would appear twice. Facebook takes no text at all (`quote` was
dropped in 2022): the member copies the text first and pastes it. "Copy text" opens nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .models import ShareMethod, ShareNetwork

# A host name with at least one dot (mastodon.social, social.example.org).
_HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")

# Networks whose intent cannot carry the text: the member copies it first.
COPY_FIRST = frozenset({ShareNetwork.FACEBOOK, ShareNetwork.COPY})


@dataclass(frozen=True)
class Intent:
    network: str
    url: str  # "" for "copy text"
    text: str  # what the member pastes or sees prefilled: the text with the link
    method: str

    @property
    def copy_first(self) -> bool:
        return self.network in COPY_FIRST


def share_method(network: str) -> str:
    """How a share on this network goes out: the text prefilled, or copied and pasted."""
    return ShareMethod.COPY if network in COPY_FIRST else ShareMethod.INTENT


def _q(value: str) -> str:
    # Everything escaped (spaces as %20, not "+": mailto and several apps read "+" literally).
    return quote(value, safe="")


def with_link(text: str, link: str) -> str:
    text = text.strip()
    if not link or link in text:
        return text
    return f"{text}\n\n{link}" if text else link


def clean_instance(raw: str) -> str:
    """A Mastodon server as a bare host name ("mastodon.social"), from what a member types:
    "https://mastodon.social/", "@anna@mastodon.social" or the host itself. "" if unusable."""
    value = raw.strip().lower()
    if "/" not in value and "@" in value.lstrip("@"):
        value = value.rsplit("@", 1)[1]  # an account address: the part after its last @
    host = urlsplit(value if "://" in value else f"https://{value}").hostname or ""
    return host if _HOST.match(host) else ""


# Each network's "new post" address. {full} is the text with the link, {text} the text alone
# (where the link has its own parameter), {link} the link, {instance} the member's Mastodon server;
# all but the server percent-escaped. "Copy text" opens nothing.
_URLS = {
    ShareNetwork.LINKEDIN: "https://www.linkedin.com/feed/?shareActive=true&text={full}",
    ShareNetwork.X: "https://x.com/intent/tweet?text={text}&url={link}",
    ShareNetwork.FACEBOOK: "https://www.facebook.com/sharer/sharer.php?u={link}",
    ShareNetwork.MASTODON: "https://{instance}/share?text={full}",
    ShareNetwork.BLUESKY: "https://bsky.app/intent/compose?text={full}",
    ShareNetwork.THREADS: "https://www.threads.com/intent/post?text={text}&url={link}",
    ShareNetwork.WHATSAPP: "https://wa.me/?text={full}",
    ShareNetwork.TELEGRAM: "https://t.me/share/url?url={link}&text={text}",
    ShareNetwork.EMAIL: "mailto:?subject={subject}&body={full}",
    ShareNetwork.COPY: "",
}


def intent_for(
    network: str, *, text: str, link: str, instance: str = "", subject: str = ""
) -> Intent:
    if network not in _URLS:
        raise ValueError(f"Unknown network {network!r}")
    host = clean_instance(instance) if network == ShareNetwork.MASTODON else ""
    if network == ShareNetwork.MASTODON and not host:
        raise ValueError("A Mastodon intent needs the member's server.")
    full = with_link(text, link)
    url = _URLS[network].format(
        full=_q(full), text=_q(text.strip()), link=_q(link), subject=_q(subject), instance=host
    )
    return Intent(network=network, url=url, text=full, method=share_method(network))
