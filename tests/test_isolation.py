"""Tenant isolation, checked on EVERY URL pattern of the project (walked from the resolver, so a new
view is checked the moment its pattern exists).

A pattern is either public (listed in PUBLIC, with the reason) or it must:
  1. send an anonymous visitor to the login page (GET and POST);
  2. with <org_slug>: answer 404 to a member of another organisation (GET and POST);
  3. for every <…_id> in it: answer 404 to an admin of the organisation when that id is another
     organisation's object (GET and POST; admins, so that a permission check cannot hide a leak).
A 405 (method not allowed) is accepted instead of the login page or the 404 for one of the two
methods - it says nothing about the object - but not for both.

Ids come from FOREIGN_OBJECTS: kwarg name -> a function that creates such an object in the
organisation it is given. A view with a new `<thing>_id` kwarg needs one line there; until then
this test fails and says so.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RoutePattern

from multiplier.accounts.models import Invitation, InvitationImport, User
from multiplier.accounts.services.invitation_import import ReadResult, invitation_import_create
from multiplier.accounts.services.invitations import Invitee, invitation_create
from multiplier.content import models as content
from multiplier.core.middleware import ORG_KWARG
from multiplier.core.models import Membership, MembershipStatus, Organization, Role
from multiplier.program import models as program
from multiplier.sharing.models import Share

pytestmark = pytest.mark.django_db

_serial = iter(range(1, 10**9))


def _member(organization: Organization) -> Membership:
    n = next(_serial)
    user = User.objects.create_user(email=f"isolation{n}@example.com", password=None)
    return Membership.objects.create(
        organization=organization, user=user, role=Role.AMBASSADOR, status=MembershipStatus.ACTIVE
    )


def _invitation(organization: Organization) -> Invitation:
    invitee = Invitee(email=f"invitee{next(_serial)}@example.com")
    _, invitation = invitation_create(
        organization=organization, inviter=None, invitee=invitee, deliver=False
    )
    return invitation


def _import(organization: Organization) -> InvitationImport:
    n = next(_serial)
    row = {"row": 2, "email": f"imported{n}@example.com", "name": "", "team": "",
           "role": Role.AMBASSADOR, "is_leader": False, "language": "en"}  # fmt: skip
    return invitation_import_create(
        organization=organization,
        inviter=_member(organization),
        file_name="people.csv",
        read=ReadResult(rows=[row]),
    )


def _theme(organization: Organization) -> program.Theme:
    return program.Theme.objects.create(organization=organization, name=f"Theme {next(_serial)}")


def _member_theme(organization: Organization) -> program.MemberTheme:
    return program.MemberTheme.objects.create(
        organization=organization, membership=_member(organization), theme=_theme(organization)
    )


def _level(organization: Organization) -> program.Level:
    n = next(_serial)
    return program.Level.objects.create(organization=organization, key=f"l{n}", name=f"Level {n}")


def _campaign(organization: Organization) -> program.Campaign:
    return program.Campaign.objects.create(
        organization=organization, name=f"Campaign {next(_serial)}",
        start=date(2026, 1, 1), end=date(2026, 3, 31),
    )  # fmt: skip


def _goal(organization: Organization) -> program.Goal:
    return program.Goal.objects.create(
        organization=organization, name=f"Goal {next(_serial)}", metric=program.Metric.SHARES,
        target=100, start=date(2026, 1, 1), end=date(2026, 3, 31),
    )  # fmt: skip


def _entity(organization: Organization) -> program.Entity:
    return program.Entity.objects.create(
        organization=organization, name=f"Entity {next(_serial)}", kind=program.EntityKind.MEDIA
    )


def _connection(organization: Organization) -> program.Connection:
    return program.Connection.objects.create(
        organization=organization, entity=_entity(organization),
        membership=_member(organization), kind=program.ConnectionKind.FOLLOWS,
    )  # fmt: skip


def _policy(organization: Organization) -> program.Policy:
    return program.Policy.objects.create(
        organization=organization, version=next(_serial), title="Policy", body="<p>Be kind.</p>"
    )


def _term(organization: Organization) -> program.GuardrailTerm:
    return program.GuardrailTerm.objects.create(
        organization=organization, language="en", term=f"term{next(_serial)}"
    )


def _post(organization: Organization) -> content.Post:
    n = next(_serial)
    return content.Post.objects.create(organization=organization, title=f"Post {n}", slug=f"p{n}")


def _variant(organization: Organization) -> content.Variant:
    return content.Variant.objects.create(
        organization=organization, post=_post(organization), text="Hello"
    )


def _source(organization: Organization) -> content.FeedSource:
    n = next(_serial)
    return content.FeedSource.objects.create(
        organization=organization, name=f"Feed {n}", url=f"https://feed{n}.example/rss"
    )


def _share(organization: Organization) -> Share:
    return Share.objects.create(
        organization=organization, membership=_member(organization), post=_post(organization),
        network="linkedin", text="Hello", method="intent",
    )  # fmt: skip


# kwarg name -> creates an object of that kind in the given organisation (returns it, or its id).
FOREIGN_OBJECTS: dict[str, Callable[[Organization], Model | Any]] = {
    "member_id": _member,
    "invitation_id": _invitation,
    "import_id": _import,
    "theme_id": _theme,
    "member_theme_id": _member_theme,
    "level_id": _level,
    "campaign_id": _campaign,
    "goal_id": _goal,
    "entity_id": _entity,
    "connection_id": _connection,
    "policy_id": _policy,
    "term_id": _term,
    "post_id": _post,
    "variant_id": _variant,
    "source_id": _source,
    "share_id": _share,
}


@dataclass(frozen=True)
class Public:
    """A view anyone may reach. Every condition that is given must match."""

    reason: str
    name: str | None = None
    route: str | None = None  # a regular expression, matched at the start of the route
    module: str | None = None  # the view's module starts with this

    def matches(self, entry: Entry) -> bool:
        return (
            (self.name is None or entry.name == self.name)
            and (self.route is None or re.match(self.route, entry.route) is not None)
            and (self.module is None or entry.module.startswith(self.module))
        )


PUBLIC: list[Public] = [
    Public(
        "allauth's own pages (log in, reset a password, confirm an e-mail address, two-factor); "
        "allauth itself asks for a login where one is needed",
        route=r"accounts/",
        module="allauth.",
    ),
    Public("Django's admin: its own login, for superusers only", route=r"admin/"),
    Public("the health check for load balancers; says only 'ok'", name="healthz"),
    Public(
        "choosing a language works before logging in (the login page has it)", name="set_language"
    ),
    Public(
        "accepting an invitation: the secret token in the address is the credential",
        route=r"(accounts/)?invite/<",
    ),
    Public("static and media files (DEBUG only)", module="django.views.static"),
    Public(
        "uploaded images (SERVE_MEDIA): random names; networks' preview fetchers need them without "
        "a login; only files inside MEDIA_ROOT, served with nosniff",
        name="media",
        module="multiplier.content.views.media",
    ),
    Public(
        "tracked links in people's posts: anyone who clicks one is sent to its destination",
        name="tracked_link_redirect",
    ),
]


@dataclass
class Entry:
    """One URL pattern, with the route from the root."""

    route: str  # e.g. "o/<slug:org_slug>/members/<int:member_id>/"
    name: str
    module: str
    view: str
    converters: dict[str, Any] = field(default_factory=dict)
    buildable: bool = True  # False if a part is a regular expression (re_path)

    @property
    def kwargs(self) -> list[str]:
        return list(self.converters)

    def url(self, values: dict[str, Any]) -> str:
        def fill(match: re.Match[str]) -> str:
            name = match.group("name")
            return self.converters[name].to_url(values[name])

        return "/" + re.sub(r"<(?:[^>:]+:)?(?P<name>[^>]+)>", fill, self.route)


def url_patterns(
    resolver: URLResolver | None = None, prefix: str = "", converters=None
) -> Iterator[Entry]:
    """Every URL pattern below `resolver` (the project's root URLconf by default), recursively."""
    resolver = resolver or get_resolver()
    converters = converters or {}
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        is_route = isinstance(pattern.pattern, RoutePattern)
        found = {**converters, **(pattern.pattern.converters if is_route else {})}
        if isinstance(pattern, URLResolver):
            for entry in url_patterns(pattern, route, found):
                entry.buildable = entry.buildable and is_route
                yield entry
        elif isinstance(pattern, URLPattern):
            view = pattern.callback
            yield Entry(
                route=route,
                name=pattern.name or "",
                module=getattr(view, "__module__", "") or "",
                view=f"{getattr(view, '__module__', '')}.{getattr(view, '__qualname__', view)}",
                converters=found,
                buildable=is_route,
            )


def public_reason(entry: Entry) -> str | None:
    return next((rule.reason for rule in PUBLIC if rule.matches(entry)), None)


def _sample(converter: Any) -> Any:
    """A harmless value for a kwarg that is not an id (a token, a code, a slug, ...)."""
    if isinstance(converter, IntConverter):
        return 1
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    return "sample"


@dataclass
class Walk:
    """Who asks: `admin` is in `org`; `outsider` is a member of `other_org` only."""

    org: Organization
    other_org: Organization
    admin: Membership
    outsider: Membership
    failures: list[str] = field(default_factory=list)

    def values(self, entry: Entry, foreign: str | None = None) -> dict[str, Any]:
        """Kwargs for the URL: the organisation's slug, its own objects' ids, except `foreign`,
        which is another organisation's object."""
        values: dict[str, Any] = {}
        for kwarg, converter in entry.converters.items():
            if kwarg == ORG_KWARG:
                values[kwarg] = self.org.slug
            elif kwarg.endswith("_id"):
                owner = self.other_org if kwarg == foreign else self.org
                made = FOREIGN_OBJECTS[kwarg](owner)
                values[kwarg] = made.pk if isinstance(made, Model) else made
            else:
                values[kwarg] = _sample(converter)
        return values

    def fail(self, entry: Entry, message: str) -> None:
        self.failures.append(f"{entry.route} ({entry.name or 'unnamed'}, {entry.view}): {message}")

    def expect(
        self, entry: Entry, client: Client, url: str, who: str, ok: Callable, want: str
    ) -> None:
        """GET and POST must both be `ok`, or one of them 405 (and the other `ok`)."""
        results = {method: getattr(client, method)(url) for method in ("get", "post")}
        good = {method: ok(response) for method, response in results.items()}
        if all(good.values()) or (
            any(good.values()) and all(good[m] or r.status_code == 405 for m, r in results.items())
        ):
            return
        got = ", ".join(f"{m.upper()} {self._describe(r)}" for m, r in results.items())
        self.fail(entry, f"{who} at {url} got {got}; expected {want}")

    @staticmethod
    def _describe(response) -> str:
        location = response.get("Location")
        return f"{response.status_code}" + (f" -> {location}" if location else "")

    def check(self, entry: Entry) -> None:
        if not entry.buildable:
            self.fail(
                entry, "not public and uses re_path(): write it with path() so it can be checked"
            )
            return
        missing = [k for k in entry.kwargs if k.endswith("_id") and k not in FOREIGN_OBJECTS]
        if missing:
            for kwarg in missing:
                self.fail(
                    entry, f"add a factory for {kwarg} in tests/test_isolation.py (FOREIGN_OBJECTS)"
                )
            return

        login = reverse("account_login")
        url = entry.url(self.values(entry))
        self.expect(
            entry, Client(raise_request_exception=False), url, "an anonymous visitor",
            lambda r: r.status_code == 302 and r["Location"].split("?")[0] == login,
            "a redirect to the login page",
        )  # fmt: skip
        if ORG_KWARG in entry.kwargs:
            outsider = Client(raise_request_exception=False)
            outsider.force_login(self.outsider.user)
            self.expect(
                entry, outsider, url, "a member of another organisation",
                lambda r: r.status_code == 404, "404",
            )  # fmt: skip
        for kwarg in entry.kwargs:
            if kwarg.endswith("_id"):
                admin = Client(raise_request_exception=False)
                admin.force_login(self.admin.user)
                foreign_url = entry.url(self.values(entry, foreign=kwarg))
                self.expect(
                    entry, admin, foreign_url, f"an admin, with another organisation's {kwarg}",
                    lambda r: r.status_code == 404, "404",
                )  # fmt: skip


def walk_urls(walk: Walk) -> list[str]:
    """Check every non-public URL pattern of the current URLconf; returns what went wrong."""
    for entry in url_patterns():
        if public_reason(entry) is None:
            walk.check(entry)
    return walk.failures


@pytest.fixture
def walk(org, other_org, admin, outsider) -> Walk:
    return Walk(org=org, other_org=other_org, admin=admin, outsider=outsider)


def test_every_url_keeps_organisations_apart(walk):
    checked = [e.route for e in url_patterns() if public_reason(e) is None]
    assert "o/<slug:org_slug>/" in checked  # the walk reaches the organisation pages
    failures = walk_urls(walk)
    assert failures == [], "\n".join(["tenant isolation failures:", *failures])


@pytest.mark.urls("tests.leaky_urls")
def test_the_walker_finds_a_view_that_leaks_another_organisations_object(walk):
    failures = walk_urls(walk)
    assert len(failures) == 1, failures
    assert failures[0].startswith("o/<slug:org_slug>/leaky/members/<int:member_id>/ (leaky_member,")
    assert "another organisation's member_id" in failures[0]
    assert "GET 200, POST 200" in failures[0]


@pytest.mark.urls("tests.leaky_urls")
def test_an_id_kwarg_without_a_factory_fails_loudly(walk, monkeypatch):
    monkeypatch.delitem(FOREIGN_OBJECTS, "member_id")
    failures = walk_urls(walk)
    loud = "add a factory for member_id in tests/test_isolation.py (FOREIGN_OBJECTS)"
    assert failures and all(f.endswith(f": {loud}") for f in failures), failures
    assert any(f.startswith("o/<slug:org_slug>/leaky/members/<int:member_id>/ ") for f in failures)
