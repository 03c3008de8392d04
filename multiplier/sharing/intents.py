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


def intent_for(
    network: str, *, text: str, link: str, instance: str = "", subject: str = ""
) -> Intent:
    full = with_link(text, link)
    method = ShareMethod.COPY if network in COPY_FIRST else ShareMethod.INTENT
    match network:
        case ShareNetwork.LINKEDIN:
            url = f"https://www.linkedin.com/feed/?shareActive=true&text={_q(full)}"
        case ShareNetwork.X:
            url = f"https://x.com/intent/tweet?text={_q(text.strip())}&url={_q(link)}"
        case ShareNetwork.FACEBOOK:
            url = f"https://www.facebook.com/sharer/sharer.php?u={_q(link)}"
        case ShareNetwork.MASTODON:
            if not clean_instance(instance):
                raise ValueError("A Mastodon intent needs the member's server.")
            url = f"https://{clean_instance(instance)}/share?text={_q(full)}"
        case ShareNetwork.BLUESKY:
            url = f"https://bsky.app/intent/compose?text={_q(full)}"
        case ShareNetwork.THREADS:
            url = f"https://www.threads.com/intent/post?text={_q(text.strip())}&url={_q(link)}"
        case ShareNetwork.WHATSAPP:
            url = f"https://wa.me/?text={_q(full)}"
        case ShareNetwork.TELEGRAM:
            url = f"https://t.me/share/url?url={_q(link)}&text={_q(text.strip())}"
        case ShareNetwork.EMAIL:
            url = f"mailto:?subject={_q(subject)}&body={_q(full)}"
        case ShareNetwork.COPY:
            url = ""
        case _:
            raise ValueError(f"Unknown network {network!r}")
    return Intent(network=network, url=url, text=full, method=method)
