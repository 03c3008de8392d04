"""The guarded fetcher, against a real HTTP server on 127.0.0.1.

Names are resolved by a stub (`dns`), never by a real resolver; the `sockets` fixture fails a test
that even attempts a connection outside 127.0.0.0/8, and the refused cases assert that no
connection at all was attempted.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from multiplier.content import fetch as fetch_module
from multiplier.content.fetch import FetchError, address_allowed, fetch
from tests.conftest import InternetRefused, NetworkGuard

from .local_web import OG_PAGE, LocalWeb, tls_contexts

PRIVATE = "This address points into a private network and is not fetched."


class StubDNS:
    """Stands in for `fetch.resolve`: `answers[name]` is what a name resolves to."""

    def __init__(self) -> None:
        self.answers: dict[str, list[str]] = {}
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "unknown name")
        return self.answers[host]


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with LocalWeb() as server:
        yield server


@pytest.fixture
def dns(monkeypatch) -> StubDNS:
    stub = StubDNS()
    monkeypatch.setattr(fetch_module, "resolve", stub)
    return stub


@pytest.fixture
def loopback(settings) -> None:
    settings.MULTIPLIER_FETCH_ALLOW_LOOPBACK = True


@pytest.fixture
def sockets(_no_internet: NetworkGuard) -> Iterator[NetworkGuard]:
    """Every connect this test attempts; the test fails if one left 127.0.0.0/8 (even one the
    fetcher caught and turned into a FetchError)."""
    _no_internet.attempts.clear()
    yield _no_internet
    assert _no_internet.refused == [], f"tried to reach the outside: {_no_internet.refused}"


def _only_loopback(guard: NetworkGuard, port: int) -> None:
    assert guard.attempts, "expected connections to the local server"
    assert set(guard.attempts) == {("127.0.0.1", port)}


# --- pages ---------------------------------------------------------------------------------------


def test_normal_page(web, loopback, sockets) -> None:
    result = fetch(web.url("/og"))
    assert result.status == 200
    assert result.body == OG_PAGE
    assert not result.truncated
    assert result.url == web.url("/og")
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    _only_loopback(sockets, web.port)


def test_huge_page_is_cut_off(web, loopback, sockets) -> None:
    result = fetch(web.url("/huge"), max_bytes=100_000)
    assert result.truncated
    assert len(result.body) == 100_000
    assert b'og:title" content="Our new plant' in result.body  # the head came first


def test_slow_page_hits_the_overall_deadline(web, loopback, sockets) -> None:
    # The server sends a byte every 50 ms: no single read ever waits long, so only a deadline
    # over the whole fetch can end this.
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(web.url("/slow"), timeout=0.6)
    elapsed = time.monotonic() - started
    assert 0.5 < elapsed < 2.0
    assert web.paths() == ["/slow"]


def test_slow_name_lookup_counts_towards_the_deadline(loopback, dns, monkeypatch, sockets) -> None:
    release = threading.Event()

    def stuck(host: str, port: int) -> list[str]:
        release.wait(10)
        return ["127.0.0.1"]

    monkeypatch.setattr(fetch_module, "resolve", stuck)
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match="took too long"):
            fetch("http://stuck.example/", timeout=0.3)
        assert time.monotonic() - started < 1.5
    finally:
        release.set()
    assert sockets.attempts == []


@pytest.mark.parametrize("path", ["/gzip", "/deflate"])
def test_compressed_page_is_decoded(web, loopback, sockets, path) -> None:
    result = fetch(web.url(path))
    assert result.body == OG_PAGE
    assert not result.truncated


def test_gzip_bomb_is_cut_off_at_the_size_limit(web, loopback, sockets) -> None:
    started = time.monotonic()
    result = fetch(web.url("/bomb"), max_bytes=1_000_000)
    assert result.truncated
    assert len(result.body) == 1_000_000
    assert set(result.body) == {0}
    assert time.monotonic() - started < 3


def test_non_html_and_error_statuses_are_results(web, loopback, sockets) -> None:
    assert fetch(web.url("/image")).headers["content-type"] == "image/png"
    assert fetch(web.url("/status/404")).status == 404
    assert fetch(web.url("/status/304")).status == 304


def test_redirects_are_followed(web, loopback, sockets) -> None:
    result = fetch(web.url("/chain/3"))
    assert result.status == 200
    assert result.url == web.url("/og")
    assert result.body == OG_PAGE
    assert web.paths() == ["/chain/3", "/chain/2", "/chain/1", "/og"]


def test_at_most_five_redirects(web, loopback, sockets) -> None:
    with pytest.raises(FetchError, match="redirected too many times"):
        fetch(web.url("/chain/6"))
    assert len(web.requests) == 6  # the first request and five redirects, not one more


def test_https_to_the_pinned_address_checks_the_certificate_of_the_name(
    dns, loopback, sockets, monkeypatch, tmp_path
) -> None:
    server_tls, client_tls = tls_contexts("secure.example", tmp_path)
    monkeypatch.setattr(fetch_module, "_ssl_context", lambda: client_tls)
    dns.answers["secure.example"] = ["127.0.0.1"]
    dns.answers["other.example"] = ["127.0.0.1"]
    with LocalWeb(tls=server_tls) as web:
        result = fetch(web.url("/echo-host", host="secure.example"))
        assert result.body == f"<title>secure.example:{web.port}</title>".encode()
        assert web.sni == ["secure.example"]  # SNI carries the name, not the pinned address
        # The same server under a name its certificate does not cover: refused.
        with pytest.raises(FetchError, match="certificate could not be verified"):
            fetch(web.url("/echo-host", host="other.example"))
        assert len(web.requests) == 1
    _only_loopback(sockets, web.port)


# --- the address guard ---------------------------------------------------------------------------

REFUSED_ADDRESSES = [
    "10.0.0.5",
    "172.16.3.4",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",  # noqa: S104
    "0.1.2.3",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.0.8",
    "198.18.0.1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:10.0.0.1",  # IPv4-mapped
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::10.0.0.1",  # IPv4-compatible
    "2002:a00:1::1",  # 6to4 around 10.0.0.1
    "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
]


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_names_resolving_to_refused_addresses_are_never_connected(
    address, dns, loopback, sockets
) -> None:
    # Even with loopback allowed for tests, nothing else private is.
    dns.answers["evil.example"] = [address]
    with pytest.raises(FetchError) as error:
        fetch("http://evil.example/")
    assert str(error.value) == PRIVATE
    assert dns.calls == ["evil.example"]
    assert sockets.attempts == []


@pytest.mark.parametrize("address", ["10.0.0.5", "169.254.169.254", "[fe80::1]", "[::ffff:a00:1]"])
def test_literal_addresses_are_refused(address, dns, loopback, sockets) -> None:
    with pytest.raises(FetchError, match="private network"):
        fetch(f"http://{address}/latest/meta-data/")
    assert dns.calls == []
    assert sockets.attempts == []


def test_one_bad_address_refuses_the_lot(dns, loopback, sockets) -> None:
    dns.answers["mixed.example"] = ["93.184.215.14", "10.0.0.1"]
    with pytest.raises(FetchError, match="private network"):
        fetch("https://mixed.example/")
    assert sockets.attempts == []


@pytest.mark.parametrize("address", ["127.0.0.1", "127.1.2.3", "::1"])
def test_loopback_is_refused_in_production(address, dns, sockets) -> None:
    dns.answers["local.example"] = [address]
    with pytest.raises(FetchError, match="private network"):
        fetch("http://local.example/")
    assert sockets.attempts == []


def test_the_local_server_itself_is_refused_in_production(web, sockets) -> None:
    with pytest.raises(FetchError, match="private network"):
        fetch(web.url("/og"))
    assert web.requests == []
    assert sockets.attempts == []


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://files.example/x", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
        ("javascript:alert(1)", "Only http and https"),
        ("gopher://files.example:70/", "Only http and https"),
        ("http://user:secret@files.example/", "user name or password"),
        ("http://files.example:8080/", "standard web ports"),
        ("https://files.example:22/", "standard web ports"),
        ("http:///no-host", "not a valid web address"),
        ("http://exa mple.com/", "name could not be found"),
    ],
)
def test_other_addresses_are_refused(url, message, dns, sockets) -> None:
    dns.answers["files.example"] = ["93.184.215.14"]
    with pytest.raises(FetchError, match=message):
        fetch(url)
    assert sockets.attempts == []


def test_unknown_name(dns, sockets) -> None:
    with pytest.raises(FetchError, match="name could not be found"):
        fetch("https://nowhere.example/")
    assert sockets.attempts == []


@pytest.mark.parametrize(
    "target",
    [
        "http://evil.example/",  # resolves (stub) to 10.0.0.5
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://167772161/",  # 10.0.0.1 written as a number
        "https://public.example:8443/",
        "ftp://public.example/",
        "http://user:pw@public.example/",
    ],
)
def test_redirects_to_refused_addresses_are_not_followed(
    target, web, dns, loopback, sockets
) -> None:
    dns.answers["evil.example"] = ["10.0.0.5"]
    dns.answers["public.example"] = ["93.184.215.14"]
    dns.answers["167772161"] = ["10.0.0.1"]
    with pytest.raises(FetchError):
        fetch(web.url(f"/redirect?to={target}"))
    assert len(web.requests) == 1
    _only_loopback(sockets, web.port)


def test_the_checked_address_is_the_one_connected(web, dns, loopback, sockets) -> None:
    # DNS rebinding: the name answers 127.0.0.1 when checked, and would answer the metadata
    # address the next time. The fetcher asks once and connects to what it checked; the
    # server still sees the name in the Host header.
    answers = iter([["127.0.0.1"], ["169.254.169.254"]])
    dns.answers = _Rebinding(answers)  # type: ignore[assignment]
    result = fetch(web.url("/echo-host", host="news.example"))
    assert f"<title>news.example:{web.port}</title>".encode() == result.body
    assert dns.calls == ["news.example"]
    _only_loopback(sockets, web.port)


class _Rebinding(dict):
    def __init__(self, answers: Iterator[list[str]]) -> None:
        super().__init__()
        self._answers = answers

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> list[str]:
        return next(self._answers)


def test_each_redirect_hop_is_resolved_and_checked(web, dns, loopback, sockets) -> None:
    dns.answers["a.example"] = ["127.0.0.1"]
    dns.answers["b.example"] = ["127.0.0.1"]
    to = web.url("/echo-host", host="b.example")
    result = fetch(web.url(f"/redirect?to={to}", host="a.example"))
    assert result.body == f"<title>b.example:{web.port}</title>".encode()
    assert dns.calls == ["a.example", "b.example"]
    assert sockets.attempts == [("127.0.0.1", web.port), ("127.0.0.1", web.port)]


@pytest.mark.parametrize(
    "address",
    [
        "93.184.215.14",
        "8.8.8.8",
        "2606:4700:4700::1111",
        "2a00:1450:4001::1",
        "64:ff9b::5db8:d70e",  # NAT64 around 93.184.215.14
    ],
)
def test_public_addresses_are_allowed(address) -> None:
    assert address_allowed(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", [*REFUSED_ADDRESSES, "127.0.0.1", "::1"])
def test_refused_addresses_are_not_allowed(address) -> None:
    assert not address_allowed(ipaddress.ip_address(address))


# --- the suite-wide guard itself -----------------------------------------------------------------


def test_the_suite_refuses_connections_outside_loopback(_no_internet) -> None:
    with pytest.raises(InternetRefused):
        socket.create_connection(("10.255.255.1", 80), timeout=1)
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("example.com", 443)
    assert _no_internet.refused == [("10.255.255.1", 80), ("example.com", 443)]
    _no_internet.refused.clear()


def test_an_unstubbed_fetch_never_leaves_the_machine(_no_internet) -> None:
    # What happens in every other test that stores a post with a link: no DNS, no connection,
    # just a FetchError (and a failed card).
    with pytest.raises(FetchError, match="name could not be found"):
        fetch("https://example.com/article")
    assert _no_internet.refused == [("example.com", 443)]
    assert _no_internet.attempts == []
    _no_internet.refused.clear()
