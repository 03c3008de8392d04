"""The ambassador feed: live posts whose audience includes the member, those on their themes
first, newest first within that; "new this cycle" marked; posts they shared shown as such.

Fast with hundreds of live posts and thousands of members: what is the same for every member of
an organisation (its live posts with their audiences, themes and first variant) is built once
per *feed version* and kept in the process; a request then costs one cache read (the version),
one plain-SQL query for the member's themes and shares (both read live), and a dictionary
lookup: members of the same team, leadership and themes share one selection of posts per
stretch of time in which no post's window opens or closes (OrgFeed.selection). The version is
a random token in the shared cache, replaced by signals whenever a post, its variants, its
themes or the rhythm changes (signals.py), so a cached feed is never stale: a new token means a
new key. A lost token (cache culled) is simply a new one. Time is applied per
request (a post whose window starts or ends in the meantime comes or goes on time).
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from multiplier.content.cycles import Cycle, cycle_containing
from multiplier.content.models import Audience, ContentSettings, Post, PostStatus
from multiplier.core.models import Membership, Organization
from multiplier.program.models import MemberTheme

from .models import Share

VERSION_KEY = "sharing:feed-version:{org_id}"
EXCERPT = 220
# Kinds of member (and stretches of time) kept per organisation and feed version: a few KB each.
MAX_SELECTIONS = 1000


@dataclass(frozen=True)
class FeedPost:
    """What the feed needs of one post; the same for every member."""

    id: int
    title: str
    link: str
    starts_at: datetime | None
    ends_at: datetime | None
    audience: str
    audience_teams: frozenset[str]
    audience_theme_ids: frozenset[int]
    theme_ids: frozenset[int]
    themes: tuple[tuple[str, str], ...]  # (name, colour)
    excerpt: str
    variant_count: int
    card_title: str
    card_image_url: str
    start_day: date | None  # starts_at as a date in the organisation's time zone
    share_url: str
    impact_url: str
    # The card's heading, excerpt and themes: the same for every member and language, so
    # escaped and put together once here instead of by the template on every request.
    body_html: SafeString

    def reaches(self, membership: Membership, theme_ids: set[int]) -> bool:
        # Reads the member's team, leadership and themes only: OrgFeed.selection's key lists
        # exactly these, so anything else read here must be added to that key.
        match self.audience:
            case Audience.EVERYONE:
                return True
            case Audience.TEAMS:
                return membership.team in self.audience_teams
            case Audience.THEMES:
                return bool(self.audience_theme_ids & theme_ids)
            case Audience.LEADERS:
                return membership.is_leader
        return False

    def live_at(self, moment: datetime) -> bool:
        return (self.starts_at is not None and self.starts_at <= moment) and (
            self.ends_at is None or moment < self.ends_at
        )


@dataclass(frozen=True)
class OrgFeed:
    posts: tuple[FeedPost, ...]
    cycle_anchor: date | None
    cadence_days: int
    # Every moment a post's window opens or closes, sorted: between two of them the same posts
    # are live, so a member's selection holds until the next one (Feed selections below).
    boundaries: tuple[datetime, ...] = ()
    # Rendered cards, per post, language and the few things that differ between members
    # (badges, "share again", the managers' link): filled as members ask for them.
    cards: dict[tuple, SafeString] = field(default_factory=dict, compare=False)
    # A member's posts in feed order depend only on which posts are live (the stretch between
    # two boundaries), their team, whether they lead, and their themes: members alike share
    # one selection instead of each filtering hundreds of posts on every request.
    selections: dict[tuple, tuple[FeedPost, ...]] = field(default_factory=dict, compare=False)

    @cached_property
    def by_id(self) -> dict[int, FeedPost]:
        return {post.id: post for post in self.posts}

    def selection(
        self, membership: Membership, theme_ids: set[int], now: datetime
    ) -> tuple[FeedPost, ...]:
        """The member's live posts, on their themes first, then newest first."""
        stretch = bisect_right(self.boundaries, now)
        key = (stretch, membership.team, membership.is_leader, frozenset(theme_ids))
        found = self.selections.get(key)
        if found is None:
            mine = [p for p in self.posts if p.live_at(now) and p.reaches(membership, theme_ids)]
            # On the member's themes first; the built order (newest first) holds in each group.
            found = tuple(p for p in mine if not p.theme_ids.isdisjoint(theme_ids)) + tuple(
                p for p in mine if p.theme_ids.isdisjoint(theme_ids)
            )
            if len(self.selections) >= MAX_SELECTIONS:
                self.selections.clear()  # bounded memory; stale stretches go with the rest
            self.selections[key] = found
        return found


@dataclass
class FeedEntry:
    post: FeedPost
    on_my_themes: bool
    new_this_cycle: bool
    shared: bool
    html: str = ""  # the rendered card, safe HTML (Feed.render_cards)


@dataclass
class Feed:
    """A member's feed: their posts in order; entries (with badges and the rendered card) are
    made only for the page that is shown."""

    posts: list[FeedPost] = field(default_factory=list)
    my_theme_ids: set[int] = field(default_factory=set)
    shared: set[int] = field(default_factory=set)
    cycle: Cycle | None = None
    org_feed: OrgFeed | None = None
    staff: bool = False

    def __len__(self) -> int:
        return len(self.posts)

    def _entry(self, post: FeedPost) -> FeedEntry:
        cycle = self.cycle
        return FeedEntry(
            post=post,
            on_my_themes=not post.theme_ids.isdisjoint(self.my_theme_ids),
            new_this_cycle=cycle is not None
            and post.start_day is not None
            and cycle.start <= post.start_day <= cycle.end,
            shared=post.id in self.shared,
        )

    @property
    def entries(self) -> list[FeedEntry]:
        return [self._entry(post) for post in self.posts]

    def page(self, start: int, stop: int) -> list[FeedEntry]:
        """The entries from `start` to `stop`, each with its card's HTML."""
        return self.render_cards([self._entry(post) for post in self.posts[start:stop]])

    def render_cards(self, entries: list[FeedEntry]) -> list[FeedEntry]:
        """Give each entry its card's HTML, rendered once per process and kind of card: a page
        of twenty cards costs twenty dictionary lookups, not twenty template renderings."""
        if self.org_feed is None:
            return entries
        language = translation.get_language()
        cards = self.org_feed.cards
        for entry in entries:
            key = (
                entry.post.id, language, entry.on_my_themes, entry.new_this_cycle,
                entry.shared, self.staff,
            )  # fmt: skip
            html = cards.get(key)
            if html is None:
                html = cards[key] = mark_safe(  # noqa: S308 (a template's escaped output)
                    render_to_string(
                        "sharing/_feed_card.html", {"entry": entry, "staff": self.staff}
                    )
                )
            entry.html = html
        return entries


# Per process: org id -> (version, feed). One entry per organisation, replaced on a new version.
_built: dict[int, tuple[str, OrgFeed]] = {}


def feed_version(organization_id: int) -> str:
    key = VERSION_KEY.format(org_id=organization_id)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        # add(): two processes starting at once agree on one token.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return version


def feed_version_bump(organization_id: int) -> None:
    cache.set(VERSION_KEY.format(org_id=organization_id), uuid.uuid4().hex, timeout=None)


_SWATCH = (
    '<li><svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
    'focusable="false"><circle cx="8" cy="8" r="7.5" fill="{}"/></svg>{}</li>'
)


def _card_body(post_id: int, title: str, excerpt: str, themes: list) -> SafeString:
    html = format_html('<h3 id="feed-post-{}">{}</h3>', post_id, title)
    if excerpt:
        html += format_html('<p class="feed-excerpt">{}</p>', excerpt)
    if themes:
        items = format_html_join("", _SWATCH, ((t.colour, t.name) for t in themes))
        html += format_html('<ul class="feed-themes">{}</ul>', items)
    return html


def _build(organization: Organization, now: datetime) -> OrgFeed:
    posts = (
        Post.objects.filter(organization=organization, status=PostStatus.LIVE)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .prefetch_related("themes", "audience_themes", "variants")
        .order_by("-starts_at", "-id")
    )
    tz = organization.tz
    # Addresses built once here, not per card per request (reverse() is not free).
    base = reverse("sharing_feed", args=[organization.slug])
    built = []
    for post in posts:
        variants = list(post.variants.all())
        first = variants[0].text if variants else ""
        themes = [t for t in post.themes.all() if t.archived_at is None]
        excerpt = first if len(first) <= EXCERPT else first[: EXCERPT - 1].rstrip() + "…"
        built.append(
            FeedPost(
                id=post.pk,
                title=post.title,
                link=post.link,
                starts_at=post.starts_at,
                ends_at=post.ends_at,
                audience=post.audience,
                audience_teams=frozenset(post.audience_teams or []),
                audience_theme_ids=frozenset(t.pk for t in post.audience_themes.all()),
                theme_ids=frozenset(t.pk for t in themes),
                themes=tuple((t.name, t.colour) for t in themes),
                excerpt=excerpt,
                variant_count=len(variants),
                card_title=post.card_title,
                card_image_url=post.card_image_url,
                start_day=timezone.localtime(post.starts_at, tz).date() if post.starts_at else None,
                share_url=f"{base}posts/{post.pk}/share/",
                impact_url=f"{base}posts/{post.pk}/impact/",
                body_html=_card_body(post.pk, post.title, excerpt, themes),
            )
        )
    settings = ContentSettings.objects.filter(organization=organization).first()
    moments = {p.starts_at for p in built if p.starts_at} | {p.ends_at for p in built if p.ends_at}
    return OrgFeed(
        posts=tuple(built),
        boundaries=tuple(sorted(moments)),
        cycle_anchor=settings.cycle_anchor if settings else None,
        cadence_days=organization.cadence_days,
    )


def org_feed(organization: Organization, now: datetime | None = None) -> OrgFeed:
    version = feed_version(organization.pk)
    held = _built.get(organization.pk)
    if held is not None and held[0] == version:
        return held[1]
    built = _build(organization, now or timezone.now())
    _built[organization.pk] = (version, built)
    return built


def feed_for(membership: Membership, now: datetime | None = None) -> Feed:
    """The member's feed, in order: on their themes first, then newest first."""
    now = now or timezone.now()
    organization = membership.organization
    built = org_feed(organization, now)
    if not built.posts:
        return Feed()
    theme_ids, shared = _member_themes_and_shares(membership.pk)
    ordered = built.selection(membership, theme_ids, now)
    if not ordered:
        return Feed()
    cycle = (
        cycle_containing(
            timezone.localtime(now, organization.tz).date(),
            anchor=built.cycle_anchor,
            cadence_days=built.cadence_days,
        )
        if built.cycle_anchor
        else None
    )
    return Feed(
        list(ordered), theme_ids, shared, cycle, org_feed=built, staff=membership.is_staff_role
    )


def _member_themes_and_shares(membership_id: int) -> tuple[set[int], set[int]]:
    """The member's themes and the posts they shared (not undone), read live on every request
    (neither changes the feed version) in one query. Plain SQL, not the ORM: building the two
    queries cost ten times more than running them (docs/benchmarks.md, feed). All of the
    member's shares, not "of these posts": an IN list of hundreds of ids costs more to build and
    parse than the few extra rows of posts no longer live."""
    themes: set[int] = set()
    shared: set[int] = set()
    with connection.cursor() as cursor:
        cursor.execute(_themes_and_shares_sql(), [membership_id, membership_id])
        for kind, pk in cursor.fetchall():
            (shared if kind else themes).add(pk)
    return themes, shared


@lru_cache(maxsize=1)
def _themes_and_shares_sql() -> str:
    quote = connection.ops.quote_name
    member_theme, share = quote(MemberTheme._meta.db_table), quote(Share._meta.db_table)
    return (
        f"SELECT 0, {quote('theme_id')} FROM {member_theme} "  # noqa: S608 (names from our models)
        f"WHERE {quote('membership_id')} = %s UNION ALL "
        f"SELECT 1, {quote('post_id')} FROM {share} "
        f"WHERE {quote('membership_id')} = %s AND {quote('undone_at')} IS NULL"
    )


def post_in_feed(membership: Membership, post: Post, now: datetime | None = None) -> bool:
    """May this member share this post now? (Live, in its window, and they are its audience.)"""
    now = now or timezone.now()
    if post.organization_id != membership.organization_id:
        return False
    entry = org_feed(membership.organization, now).by_id.get(post.pk)
    if entry is None or not entry.live_at(now):
        return False
    theme_ids = set(
        MemberTheme.objects.filter(membership=membership).values_list("theme_id", flat=True)
    )
    return entry.reaches(membership, theme_ids)
