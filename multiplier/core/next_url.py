"""Where to send a person back to after an interruption (two-factor set-up, accepting a policy)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, url: str) -> str | None:
    """`url` if it is a path on this site, else None (no open redirect)."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None
