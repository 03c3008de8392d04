"""Where an outside-world entity lives online: its web address and its handles on social networks.

Both are cleaned into one stored form (so links can be built from them) and checked strictly: an
address must be a real http(s) address, never `javascript:` or `data:`, because it is shown as a
link to everyone in the organisation. Handles use the rules the profile uses for people
(accounts.networks), with examples and messages that fit an organisation, event or person.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from multiplier.accounts.models import Network
from multiplier.accounts.networks import clean_handle

WEB_ADDRESS_MAX_LENGTH = 500
_SCHEMES = ("http", "https")
_validate_url = URLValidator(schemes=list(_SCHEMES))
# "name:" at the start: a scheme (javascript:, mailto:, data:), unless digits follow (a port, as
# in example.org:8080).
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)

HANDLE_EXAMPLES: dict[str, str] = {
    Network.LINKEDIN: "https://www.linkedin.com/company/techweek",
    Network.X: "@techweek",
    Network.FACEBOOK: "https://www.facebook.com/techweek",
    Network.INSTAGRAM: "@techweek",
    Network.MASTODON: "@techweek@mastodon.social",
    Network.BLUESKY: "@techweek.bsky.social",
    Network.THREADS: "@techweek",
}


def clean_web_address(raw: str) -> str:
    """The address in its stored form ("" for none): https:// added when no scheme is given,
    scheme and host in lower case. Raises ValidationError (code "invalid_url") otherwise."""
    value = raw.strip()
    if not value:
        return ""
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in _SCHEMES:
        raise ValidationError(
            _("Only web addresses that start with http:// or https:// can be saved."),
            code="invalid_url",
        )
    if not scheme:
        value = f"https://{value}"
    invalid = ValidationError(
        _("This is not a web address. Enter one like https://www.example.org."),
        code="invalid_url",
    )
    if len(value) > WEB_ADDRESS_MAX_LENGTH:
        raise ValidationError(
            _("A web address can be at most %(limit)s characters long."),
            code="invalid_url",
            params={"limit": WEB_ADDRESS_MAX_LENGTH},
        )
    try:
        _validate_url(value)
    except ValidationError:
        raise invalid from None
    parts = urlsplit(value)
    if parts.username or parts.password:
        # user:password@host is a classic way to disguise where a link really goes.
        raise invalid
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    netloc = host + (f":{parts.port}" if parts.port else "")
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, parts.fragment))


def clean_entity_handle(network: str, raw: str) -> str:
    """The handle in the stored form of accounts.networks, or "" for none."""
    value = raw.strip()
    if not value:
        return ""
    if network == Network.LINKEDIN and not ("/" in value or value.lower().startswith("http")):
        # The profile form reads a bare name as linkedin.com/in/<name>, a person's page; an
        # organisation's page is /company/<name>, so only a pasted address is unambiguous.
        raise ValidationError(
            _("Paste the address of the LinkedIn page or profile, for example %(example)s."),
            code="invalid_handle",
            params={"example": HANDLE_EXAMPLES[network]},
        )
    try:
        return clean_handle(network, value)
    except ValidationError:
        if network == Network.MASTODON:
            message = _(
                "Enter the Mastodon address with its server, as @name@server, for example "
                "%(example)s."
            )
        else:
            message = _(
                "This is not a handle or profile address on %(network)s. For example: %(example)s"
            )
        raise ValidationError(
            message,
            code="invalid_handle",
            params={"network": Network(network).label, "example": HANDLE_EXAMPLES[network]},
        ) from None


class HandleLink(NamedTuple):
    network: str  # the network's label, e.g. "Mastodon"
    handle: str
    url: str


def handle_url(network: str, handle: str) -> str:
    """The profile's web address for a stored handle."""
    name = handle.removeprefix("@")
    if network in (Network.LINKEDIN, Network.FACEBOOK):
        return handle  # stored as the full address
    if network == Network.MASTODON:
        user, server = name.split("@", 1)
        return f"https://{server}/@{user}"
    if network == Network.BLUESKY:
        return f"https://bsky.app/profile/{name}"
    if network == Network.INSTAGRAM:
        return f"https://www.instagram.com/{name}/"
    if network == Network.THREADS:
        return f"https://www.threads.net/@{name}"
    return f"https://x.com/{name}"


def handle_links(handles: dict[str, str]) -> list[HandleLink]:
    """The entity's handles as links, in the networks' usual order; unknown networks (from an
    older version) are left out rather than guessed at."""
    return [
        HandleLink(network.label, handles[network], handle_url(network, handles[network]))
        for network in Network
        if handles.get(network)
    ]
