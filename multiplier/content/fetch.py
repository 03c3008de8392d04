"""Fetching URLs that members typed (link cards, feeds): the one door to the internet.

INTERFACE FIRST: this module's hardened version (SSRF guard: only http(s); no private, loopback,
link-local or multicast addresses, checked after DNS resolution and on every redirect, before any
connection is opened; a size limit; a timeout) is being built; callers use `fetch()` and
`FetchError` only. Loopback is allowed only when the test-only setting
`MULTIPLIER_FETCH_ALLOW_LOOPBACK` is true.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

DEFAULT_TIMEOUT = 5.0  # seconds, for connect and for each read
DEFAULT_MAX_BYTES = 2_000_000


class FetchError(Exception):
    """The URL could not be fetched; `str()` is a message fit to show a manager."""


@dataclass
class FetchResult:
    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    truncated: bool = False  # the body was cut off at max_bytes


def fetch(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> FetchResult:
    """GET `url` following redirects; a 304 is returned as a result, not an error."""
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True) as client,
            client.stream("GET", url, headers=headers or {}) as response,
        ):
            body = bytearray()
            truncated = False
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) >= max_bytes:
                    truncated = True
                    del body[max_bytes:]
                    break
            return FetchResult(
                url=str(response.url),
                status=response.status_code,
                headers={k.lower(): v for k, v in response.headers.items()},
                body=bytes(body),
                truncated=truncated,
            )
    except httpx.TimeoutException as exc:
        raise FetchError("The site took too long to answer.") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"Could not fetch the address: {exc}") from exc
