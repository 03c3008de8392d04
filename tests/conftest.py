"""Fixtures shared by the whole suite.

Named people for each role, in one organisation ("Acme"), and an outsider in another ("Globex"):
    admin, manager, ambassador, leader   -> Memberships in `org`
    outsider                             -> a Membership in `other_org`
Each is a Membership; `.user` is the person. `login(member)` gives a logged-in test client.
"""

from __future__ import annotations

import email
import email.policy
import ipaddress
import itertools
import socket
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone, translation

from multiplier.accounts.models import User
from multiplier.core.models import Membership, MembershipStatus, Organization, Role

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def pytest_sessionstart(session: pytest.Session) -> None:
    from multiplier.i18n import compile_catalogues

    # Tests read Dutch pages; the .mo files are build output. Django may have loaded a catalogue
    # while it was set up (before this hook), so forget those when anything was (re)compiled.
    if compile_catalogues():
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """Every test starts in the default language. A request activates the person's language
    in this thread and some code paths leave it active; without this, a Dutch test would make
    the next test's English assertions fail depending on the order tests run in."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _test_settings(settings) -> None:
    # Background tasks run at once, in-process (the suite for the database backend enables it
    # explicitly where it matters, e.g. the scheduler test).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A fresh in-memory cache per test, so login rate limits do not leak between tests.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{next(_counter)}",
        }
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Production settings otherwise (DEBUG off), but the test client speaks plain HTTP and
    # static files are not collected.
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def make_org(db) -> Callable[..., Organization]:
    def make(name: str = "", **fields) -> Organization:
        n = next(_counter)
        name = name or f"Org {n}"
        fields.setdefault("slug", f"org-{n}")
        fields.setdefault("language", "en")
        return Organization.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_member(db) -> Callable[..., Membership]:
    def make(
        organization: Organization,
        *,
        role: str = Role.AMBASSADOR,
        email: str = "",
        name: str = "",
        is_leader: bool = False,
        team: str = "",
        status: str = MembershipStatus.ACTIVE,
        onboarded: bool = True,
        language: str = "en",
    ) -> Membership:
        n = next(_counter)
        email = email or f"person{n}@example.com"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=PASSWORD, name=name or f"Person {n}", language=language
        )
        _verify(user)
        now = timezone.now()
        return Membership.objects.create(
            organization=organization,
            user=user,
            role=role,
            is_leader=is_leader,
            team=team,
            status=status,
            joined_at=now if status != MembershipStatus.INVITED else None,
            onboarded_at=now if onboarded and status != MembershipStatus.INVITED else None,
        )

    return make


def _verify(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@pytest.fixture
def org(make_org) -> Organization:
    return make_org("Acme", slug="acme")


@pytest.fixture
def other_org(make_org) -> Organization:
    return make_org("Globex", slug="globex")


@pytest.fixture
def admin(make_member, org) -> Membership:
    return make_member(org, role=Role.ADMIN, email="admin@acme.test", name="Ada Admin")


@pytest.fixture
def manager(make_member, org) -> Membership:
    return make_member(org, role=Role.MANAGER, email="manager@acme.test", name="Max Manager")


@pytest.fixture
def ambassador(make_member, org) -> Membership:
    return make_member(
        org, role=Role.AMBASSADOR, email="ambassador@acme.test", name="Amber Ambassador",
        team="Sales",
    )  # fmt: skip


@pytest.fixture
def leader(make_member, org) -> Membership:
    return make_member(
        org, role=Role.AMBASSADOR, is_leader=True, email="leader@acme.test", name="Lee Leader",
        team="Board",
    )  # fmt: skip


@pytest.fixture
def outsider(make_member, other_org) -> Membership:
    return make_member(other_org, role=Role.ADMIN, email="outsider@globex.test", name="Otto Out")


@pytest.fixture
def login(db) -> Callable[[Membership | User], Client]:
    """`login(member)` -> a Client logged in as that person (a Membership or a User)."""

    def make(who: Membership | User) -> Client:
        user = who.user if isinstance(who, Membership) else who
        client = Client()
        client.force_login(user)
        return client

    return make


# --- A real mail server -------------------------------------------------------------------------


class ReceivedMail:
    """What the in-process SMTP server received: `messages` (parsed `email.message.EmailMessage`
    objects, in arrival order) and `envelopes` (sender and recipients as given in SMTP)."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's handler hook
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address.lower() in m["To"].lower()]

    @staticmethod
    def text(message: email.message.EmailMessage) -> str:
        """The plain-text body (of a multipart message, its text/plain part)."""
        return message.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html(message: email.message.EmailMessage) -> str:
        return message.get_body(preferencelist=("html",)).get_content()


def _free_port(host: str) -> int:
    # aiosmtpd's Controller cannot bind port 0 (it connects to the port it was given to check
    # that the server is up), so ask the OS for a free port first.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Iterator[ReceivedMail]:
    """A real SMTP server in this process, with Django's SMTP backend pointed at it.

    `smtp_server.messages` holds every message received, parsed by the `email` module;
    `ReceivedMail.text(message)` gives its plain-text body. Delivery is synchronous: when
    Django's send() returns, the message is in the list.
    """
    from aiosmtpd.controller import Controller

    host = "127.0.0.1"
    received = ReceivedMail(host, _free_port(host))
    controller = Controller(received, hostname=host, port=received.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = received.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield received
    finally:
        controller.stop()


# --- goals: facts that higher layers provide to the goal metrics ---------------------------------


@pytest.fixture
def facts(monkeypatch) -> Callable[..., None]:
    """`facts("shares_per_day", {date: n})`: provide a fact of program/metrics.py for this test
    only, as sharing and tracking will. Per-day facts answer for the query's period only, as the
    real ones do; `sharer_ids` (a set) is given as the answer for any period."""
    from multiplier.program import metrics

    def install(name: str, data) -> None:
        assert name in metrics._FACTS, name

        def answer(query):
            if isinstance(data, dict):
                return {day: n for day, n in data.items() if query.start <= day <= query.end}
            return set(data)

        monkeypatch.setitem(metrics._FACTS, name, answer)

    return install


# --- No internet: tests reach 127.0.0.0/8 only ----------------------------------------------------


class InternetRefused(ConnectionRefusedError):
    """A test tried to reach an address outside 127.0.0.0/8 (or to look up a name in DNS)."""


class NetworkGuard:
    """What `_no_internet` saw in this test: every TCP/UDP connect attempted (`attempts`, as
    (host, port)) and those it refused (`refused`: outside 127.0.0.0/8, or a DNS lookup)."""

    def __init__(self) -> None:
        self.attempts: list[tuple[str, int]] = []
        self.refused: list[tuple[str, int]] = []


def _ip_address(host: object) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address `host` spells (an IPv6 zone aside), or None for a name."""
    try:
        return ipaddress.ip_address(str(host).split("%", 1)[0])
    except ValueError:
        return None


def _is_test_loopback(host: object) -> bool:
    address = _ip_address(host)
    return address is not None and address.version == 4 and address.is_loopback


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch) -> Iterator[NetworkGuard]:
    """Every test: a connect to any address outside 127.0.0.0/8 (IPv6 ::1 included) raises
    InternetRefused before a packet is sent, and so does a DNS lookup of any name but
    localhost. Code that catches OSError (the link-card fetcher does) sees a failed connection;
    tests that must prove nothing was even attempted ask for this fixture and read it."""
    guard = NetworkGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: object) -> None:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return  # Unix sockets stay on this machine
        host, port = address[0], address[1]  # type: ignore[index]
        guard.attempts.append((str(host), int(port)))
        if not _is_test_loopback(host):
            guard.refused.append((str(host), int(port)))
            raise InternetRefused(f"tests must not connect outside 127.0.0.0/8: {host}:{port}")

    def connect(self: socket.socket, address: object) -> None:
        check(self, address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        check(self, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        name = host.decode() if isinstance(host, bytes) else host
        local = name is None or name == "localhost" or str(name).endswith(".localhost")
        if not (local or _ip_address(name) is not None):
            guard.refused.append((str(name), port if isinstance(port, int) else 0))
            raise socket.gaierror(socket.EAI_NONAME, f"tests must not look up {name!r} in DNS")
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield guard


@pytest.fixture(autouse=True)
def _own_click_spool(settings, tmp_path):
    """Every test spools tracked-link hits into its own folder and starts with empty redirector
    caches: they live per process, and a browser test's clicks must not reach the next test."""
    from multiplier.tracking import redirector
    from multiplier.tracking.visitors import forget_keys

    settings.CLICK_SPOOL_DIR = tmp_path / "clicks"
    redirector.cache.clear()
    redirector._spool = None
    forget_keys()
    yield settings.CLICK_SPOOL_DIR
    redirector.cache.clear()
    redirector._spool = None
    forget_keys()


@pytest.fixture
def feed_server(settings):
    """A real feed server on 127.0.0.1 (tests/content/feed_server.py); fetch() refuses loopback
    addresses outside tests, so this test allows them."""
    from tests.content.feed_server import FeedServer

    settings.MULTIPLIER_FETCH_ALLOW_LOOPBACK = True
    with FeedServer() as server:
        yield server
