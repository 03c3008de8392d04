"""Fetching URLs that members typed (link cards, feeds): the one door to the internet.

Callers use `fetch()`, `FetchResult` and `FetchError` only. A member can type any address, so
this module guards the server against being used to reach what only it can reach (SSRF):

- only `http` and `https`, no user name or password in the address, ports 80 and 443 only;
- the host name is resolved once, by `resolve()` (the one place tests stub), and EVERY address
  it gives is checked before any connection is opened: private, loopback, link-local, multicast,
  reserved, unspecified, shared (CGNAT, 100.64/10) and IPv6 transition addresses (IPv4-mapped,
  6to4, Teredo, NAT64) are refused;
- the connection then goes to exactly that checked address ("pinned"): the HTTP library never
  resolves the name again, so a DNS answer that changes between check and use (DNS rebinding)
  cannot redirect it. The Host header, TLS SNI and the certificate check still use the name;
- redirects are followed by hand (at most `MAX_REDIRECTS`), each hop checked like the first;
- one deadline covers the whole fetch (resolving, connecting, every redirect and every read), so
  a server that trickles a byte at a time cannot hold a worker;
- the body is cut off at `max_bytes` (`truncated=True`), after gzip/deflate decoding, and at most
  `max_bytes` are read from the wire, so a compression bomb costs nothing.

Loopback addresses (with any port) are allowed only when the test-only setting
`MULTIPLIER_FETCH_ALLOW_LOOPBACK` is true; production refuses them like any private address.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT_TIMEOUT = 5.0  # seconds, for the whole fetch (redirects included)
DEFAULT_MAX_BYTES = 2_000_000
MAX_REDIRECTS = 5
ALLOWED_PORTS = frozenset({80, 443})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Mozilla/5.0 (compatible; Multiplier link preview)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Refused whatever `ipaddress` thinks of them in this Python version (its `is_global` and
# `is_private` tables changed between releases; this list does not).
_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
        "10.0.0.0/8",
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, where cloud metadata services live
        "172.16.0.0/12",
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",
        "192.88.99.0/24",  # 6to4 relay anycast
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and the broadcast address
        "::/128",
        "::1/128",
        "::/96",  # IPv4-compatible (deprecated)
        "::ffff:0:0/96",  # IPv4-mapped: would reach an IPv4 address we did not check as such
        "64:ff9b::/96",  # NAT64 (allowed below when the IPv4 address inside is)
        "64:ff9b:1::/48",
        "100::/64",  # discard
        "2001::/23",  # IETF protocol assignments, Teredo among them
        "2001:db8::/32",
        "2002::/16",  # 6to4: embeds an IPv4 address
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOOPBACK_NETWORKS = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


class FetchError(Exception):
    """The URL could not be fetched; `str()` is a message fit to show a manager, in the
    language active when it is turned into text."""

    def __init__(self, message: Any, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


@dataclass
class FetchResult:
    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""  # decoded (gzip/deflate), at most max_bytes
    truncated: bool = False  # the body was cut off at max_bytes


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, in the resolver's order. Tests replace this function
    (it is the only place this module looks names up)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_allowed(address: IPAddress, *, allow_loopback: bool = False) -> bool:
    """May we connect to `address`? Only to globally reachable unicast addresses (and to
    loopback when `allow_loopback`, which only tests set)."""
    if allow_loopback and _within(address, _LOOPBACK_NETWORKS):
        return True
    if address.version == 6 and address in _NAT64:
        # On an IPv6-only network with DNS64 every IPv4 site has such an address; what
        # counts is the IPv4 address inside it.
        return address_allowed(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if _within(address, _BLOCKED_NETWORKS):
        return False
    return (
        address.is_global
        and not address.is_multicast
        and not address.is_private
        and not address.is_reserved
        and not address.is_loopback
        and not address.is_link_local
        and not address.is_unspecified
    )


def _within(address: IPAddress, networks: tuple) -> bool:
    # Like with like: an IPv6 address is never judged by an IPv4 network, nor the reverse.
    return any(address.version == net.version and address in net for net in networks)


def fetch(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> FetchResult:
    """GET `url` following redirects; a 304 (and any other status) is returned as a result,
    not an error. Raises FetchError for addresses refused by the guard, network failures,
    too many redirects and the deadline."""
    deadline = time.monotonic() + timeout
    allow_loopback = bool(getattr(settings, "MULTIPLIER_FETCH_ALLOW_LOOPBACK", False))
    request_headers = {"user-agent": USER_AGENT, "accept": "text/html,application/xhtml+xml,*/*"}
    request_headers.update({k.lower(): v for k, v in (headers or {}).items()})
    # We decode these ourselves, within the size limit; nothing else is asked for.
    request_headers["accept-encoding"] = "gzip, deflate"
    request_headers.pop("host", None)

    target = _parse(url)
    for _hop in range(MAX_REDIRECTS + 1):
        result = _fetch_one(target, request_headers, max_bytes, deadline, allow_loopback)
        location = result.headers.get("location", "")
        if result.status not in REDIRECT_STATUSES or not location:
            return result
        try:
            target = _parse(str(target.join(location.strip())))
        except httpx.InvalidURL as exc:
            raise FetchError(_("The site redirected to an address that is not valid.")) from exc
    raise FetchError(_("The site redirected too many times."))


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, UnicodeError) as exc:
        raise FetchError(_("This is not a valid web address.")) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(_("Only http and https addresses can be fetched."))
    if parsed.userinfo:
        raise FetchError(_("Addresses with a user name or password are not fetched."))
    if not parsed.host:
        raise FetchError(_("This is not a valid web address."))
    return parsed


def _fetch_one(
    url: httpx.URL,
    headers: dict[str, str],
    max_bytes: int,
    deadline: float,
    allow_loopback: bool,
) -> FetchResult:
    """One request, no redirects: resolve, check every address, connect to a checked one."""
    port = url.port or (443 if url.scheme == "https" else 80)
    host = url.raw_host.decode("ascii")
    addresses = _checked_addresses(host, port, deadline, allow_loopback)
    if port not in ALLOWED_PORTS and not all(_within(a, _LOOPBACK_NETWORKS) for a in addresses):
        raise FetchError(_("Only the standard web ports (80 and 443) can be fetched."))

    backend = _PinnedBackend(host, port, [str(a) for a in addresses], deadline)
    left = _remaining(deadline)
    core_url = httpcore.URL(
        scheme=url.raw_scheme, host=url.raw_host, port=port, target=url.raw_path
    )
    core_headers = [(b"Host", url.netloc), *((k.encode(), v.encode()) for k, v in headers.items())]
    extensions = {"timeout": {"connect": left, "read": left, "write": left, "pool": left}}
    try:
        with (
            httpcore.ConnectionPool(
                ssl_context=_ssl_context() if url.scheme == "https" else None,
                network_backend=backend,
                max_connections=1,
                retries=0,
            ) as pool,
            pool.stream("GET", core_url, headers=core_headers, extensions=extensions) as response,
        ):
            response_headers: dict[str, str] = {}
            for name, value in response.headers:
                key, text = name.decode("latin-1").lower(), value.decode("latin-1")
                response_headers[key] = (
                    f"{response_headers[key]}, {text}" if key in response_headers else text
                )
            if response.status in REDIRECT_STATUSES:
                body, truncated = b"", False  # not read: the next hop is what counts
            else:
                body, truncated = _read_body(
                    response, response_headers.get("content-encoding", ""), max_bytes
                )
    except httpcore.TimeoutException as exc:
        raise FetchError(_("The site took too long to answer.")) from exc
    except httpcore.ConnectError as exc:
        if isinstance(exc.__context__, ssl.SSLError) or isinstance(exc.__cause__, ssl.SSLError):
            raise FetchError(_("The site's security certificate could not be verified.")) from exc
        raise FetchError(_("Could not connect to the site.")) from exc
    except (httpcore.ProtocolError, httpcore.NetworkError) as exc:
        raise FetchError(_("The connection to the site broke off.")) from exc
    except (ssl.SSLError, OSError) as exc:
        raise FetchError(_("Could not connect to the site.")) from exc
    return FetchResult(
        url=str(url),
        status=response.status,
        headers=response_headers,
        body=body,
        truncated=truncated,
    )


def _checked_addresses(
    host: str, port: int, deadline: float, allow_loopback: bool
) -> list[IPAddress]:
    """The addresses for `host`, all of them allowed, or FetchError: one bad address refuses
    the lot (an attacker controls the order of a DNS answer, not us)."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        addresses = [_parse_ip(a) for a in _resolve_before(host, port, deadline)]
    if not addresses:
        raise FetchError(_("The site's name could not be found."))
    if not all(address_allowed(a, allow_loopback=allow_loopback) for a in addresses):
        raise FetchError(_("This address points into a private network and is not fetched."))
    return addresses


def _parse_ip(address: str) -> IPAddress:
    try:
        # A scope ("fe80::1%eth0") is only ever link-local: refused below either way.
        return ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError as exc:
        raise FetchError(_("The site's name could not be found.")) from exc


def _resolve_before(host: str, port: int, deadline: float) -> list[str]:
    """`resolve()`, within the deadline (getaddrinfo itself has no timeout: a stuck lookup is
    left to finish in its thread while the fetch gives up)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fetch-resolve")
    try:
        future = executor.submit(lambda: resolve(host, port))
        return future.result(timeout=_remaining(deadline))
    except FuturesTimeout as exc:
        raise FetchError(_("The site took too long to answer.")) from exc
    except (OSError, UnicodeError) as exc:
        raise FetchError(_("The site's name could not be found.")) from exc
    finally:
        executor.shutdown(wait=False)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(_("The site took too long to answer."))
    return left


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """Certificates are checked against the host NAME (not the pinned address). Made once:
    loading the CA bundle takes longer than a whole local fetch."""
    return httpx.create_ssl_context()


# --- the body: decoded, within the size limit ----------------------------------------------------


def _read_body(
    response: httpcore.Response, content_encoding: str, max_bytes: int
) -> tuple[bytes, bool]:
    decoder = _Decoder(content_encoding)
    body = bytearray()
    wire = 0
    for chunk in response.iter_stream():
        wire += len(chunk)
        # Ask for one byte more than fits: getting it tells us the body was cut off.
        body += decoder.feed(chunk, max_bytes + 1 - len(body))
        if len(body) > max_bytes or wire > max_bytes:
            del body[max_bytes:]
            return bytes(body), True
    body += decoder.flush(max_bytes + 1 - len(body))
    if len(body) > max_bytes:
        del body[max_bytes:]
        return bytes(body), True
    return bytes(body), False


class _Decoder:
    """gzip / deflate / identity, never producing more than asked for (zlib's max_length)."""

    def __init__(self, content_encoding: str) -> None:
        encoding = content_encoding.strip().lower()
        self._deflate = encoding == "deflate"
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
        else:
            raise FetchError(_("The site sent its page in a form that cannot be read."))
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        if self._zlib is None:
            return data[:limit]
        try:
            out = self._zlib.decompress(data, limit)
        except zlib.error as exc:
            # "deflate" is sent both with and without the zlib wrapper; try the bare form.
            if not (self._deflate and not self._started):
                raise FetchError(_("The site sent a damaged page.")) from exc
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            try:
                out = self._zlib.decompress(data, limit)
            except zlib.error as exc2:
                raise FetchError(_("The site sent a damaged page.")) from exc2
        self._started = True
        return out

    def flush(self, limit: int) -> bytes:
        if self._zlib is None:
            return b""
        try:
            return self._zlib.flush()[:limit]
        except zlib.error:
            return b""


# --- connecting to the checked address only ------------------------------------------------------


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's overall deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _timeout(self, timeout: float | None) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the fetch's deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._timeout(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, self._timeout(timeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """httpcore asks it to connect to (host, port); it connects to the addresses checked for
    that host instead, and to nothing else."""

    def __init__(self, host: str, port: int, addresses: list[str], deadline: float) -> None:
        self._host = host
        self._port = port
        self._addresses = addresses
        self._deadline = deadline
        self._sync = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        if (host, port) != (self._host, self._port):
            raise httpcore.ConnectError(f"not the checked origin: {host}:{port}")
        error: Exception = httpcore.ConnectError("no address")
        for address in self._addresses:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("the fetch's deadline passed")
            try:
                stream = self._sync.connect_tcp(
                    address,
                    port,
                    timeout=left if timeout is None else min(timeout, left),
                    socket_options=socket_options,
                )
            except httpcore.ConnectTimeout:
                raise
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
