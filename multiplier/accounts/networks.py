"""What a person tells about their networks: the handle or profile address (what may be typed, and
the one form it is stored in, so later features such as share links can rely on it) and roughly
how many people they reach there."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Network

Cleaner = Callable[[str, str], str | None]

# Quick choices offered next to the free number field.
AUDIENCE_PRESETS: tuple[int, ...] = (100, 500, 1_000, 5_000)
# Far above any employee's personal audience; a larger number is a typing mistake.
MAX_AUDIENCE = 10_000_000


class NetworkAnswer(NamedTuple):
    handle: str
    audience_size: int


# A host name with at least one dot (e.g. mastodon.social, anna.bsky.social).
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")
# Mastodon's own rule for account names: letters, digits and underscores, with dots or dashes
# only in the middle.
_MASTODON_NAME = re.compile(r"^[A-Za-z0-9_]+([A-Za-z0-9_.-]+[A-Za-z0-9_]+)?$")
_X_NAME = re.compile(r"^[A-Za-z0-9_]{1,15}$")
_INSTAGRAM_NAME = re.compile(r"^[A-Za-z0-9._]{1,30}$")  # Threads uses Instagram's names
_PROFILE_PATH = re.compile(r"^[A-Za-z0-9._/%-]{1,150}(\?id=\d+)?$")

# The hosts a pasted profile address may point at.
_HOSTS: dict[str, tuple[str, ...]] = {
    Network.LINKEDIN: ("linkedin.com",),
    Network.X: ("x.com", "twitter.com"),
    Network.FACEBOOK: ("facebook.com", "fb.com"),
    Network.INSTAGRAM: ("instagram.com",),
    Network.THREADS: ("threads.net", "threads.com"),
    Network.BLUESKY: ("bsky.app",),
}

EXAMPLES: dict[str, str] = {
    Network.LINKEDIN: "linkedin.com/in/anna-jansen",
    Network.X: "@annajansen",
    Network.FACEBOOK: "facebook.com/anna.jansen",
    Network.INSTAGRAM: "@annajansen",
    Network.MASTODON: "@anna@mastodon.social",
    Network.BLUESKY: "@anna.bsky.social",
    Network.THREADS: "@annajansen",
}


def clean_handle(network: str, raw: str) -> str:
    """The handle in its stored form, or "" for none. Raises ValidationError with a message
    that shows an example of what is expected."""
    value = raw.strip()
    if not value:
        return ""
    result = _CLEANERS[network](value, network)
    if result is None:
        if network == Network.MASTODON:
            # The server is the part people leave out, and without it the address is ambiguous.
            message = _(
                "Enter your Mastodon address with your server, as @name@server, for example "
                "%(example)s."
            )
        else:
            message = _(
                "This is not a handle or profile address on %(network)s. For example: %(example)s"
            )
        raise ValidationError(
            message,
            code="invalid_handle",
            params={"network": Network(network).label, "example": EXAMPLES[network]},
        )
    return result


def _is_address(value: str) -> bool:
    return "/" in value or value.lower().startswith(("http:", "https:"))


def _address_path(value: str, network: str) -> str | None:
    """The path of a pasted address, if it is on one of the network's hosts and has one."""
    url = urlsplit(value if "://" in value else f"https://{value}")
    host = (url.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host not in _HOSTS[network]:
        return None
    path = url.path.strip("/")
    if path == "profile.php" and re.fullmatch(r"id=\d+", url.query):
        path += f"?{url.query}"  # Facebook profiles without a chosen name
    return path or None


def _clean_mastodon(value: str, network: str) -> str | None:
    if _is_address(value):
        # https://instance/@name, as copied from the address bar.
        url = urlsplit(value if "://" in value else f"https://{value}")
        path = url.path.strip("/")
        if not path.startswith("@") or "/" in path:
            return None
        name, instance = path[1:], (url.hostname or "")
    else:
        parts = value.removeprefix("@").split("@")
        if len(parts) != 2:
            return None
        name, instance = parts
    instance = instance.lower()
    if not (_MASTODON_NAME.match(name) and _DOMAIN.match(instance)):
        return None
    return f"@{name}@{instance}"


def _clean_at_name(pattern: re.Pattern[str]) -> Cleaner:
    """X, Instagram, Threads: @name, or a profile address whose first segment is the name."""

    def clean(value: str, network: str) -> str | None:
        if _is_address(value):
            path = _address_path(value, network)
            if path is None:
                return None
            value = path.split("/", 1)[0]
        name = value.removeprefix("@")
        return f"@{name}" if pattern.match(name) else None

    return clean


def _clean_bluesky(value: str, network: str) -> str | None:
    if _is_address(value):
        # bsky.app/profile/<handle>
        segments = (_address_path(value, network) or "").split("/")
        if len(segments) < 2 or segments[0] != "profile":
            return None
        value = segments[1]
    handle = value.removeprefix("@").lower()
    return f"@{handle}" if _DOMAIN.match(handle) else None


def _clean_profile_address(prefix: str) -> Cleaner:
    """LinkedIn and Facebook: a profile address; a bare name is taken as the path after
    `prefix` (linkedin.com/in/<name>, facebook.com/<name>)."""

    def clean(value: str, network: str) -> str | None:
        if _is_address(value):
            path = _address_path(value, network)
        else:
            path = prefix + value.removeprefix("@")
        if path is None or not _PROFILE_PATH.match(path):
            return None
        return f"https://www.{_HOSTS[network][0]}/{path}"

    return clean


_CLEANERS: dict[str, Cleaner] = {
    Network.LINKEDIN: _clean_profile_address("in/"),
    Network.X: _clean_at_name(_X_NAME),
    Network.FACEBOOK: _clean_profile_address(""),
    Network.INSTAGRAM: _clean_at_name(_INSTAGRAM_NAME),
    Network.MASTODON: _clean_mastodon,
    Network.BLUESKY: _clean_bluesky,
    Network.THREADS: _clean_at_name(_INSTAGRAM_NAME),
}
