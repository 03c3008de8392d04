"""Believable shares for the demo's live posts, with their click roll-ups, so that "my impact"
and the managers' per-post pages have something to show. Runs only when live posts exist (the
demo's content is built elsewhere) and only once per post: a second run finds the shares and
changes nothing."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from multiplier.accounts.models import NetworkPresence
from multiplier.content.models import Post
from multiplier.core.models import Membership, Organization
from multiplier.sharing.feed import post_in_feed
from multiplier.sharing.models import Share
from multiplier.sharing.services.shares import share_record
from multiplier.sharing.variants import starting_text, variant_suggestion
from multiplier.tracking.models import LinkDay

OWN_WORDS = (
    "Ik was erbij toen we dit testten, en het werkt echt.",
    "Trots op mijn collega's die hier maanden aan hebben gewerkt.",
    "Vragen hierover? Stuur me gerust een bericht.",
    "Dit is precies waarom ik hier graag werk.",
    "I saw this up close last month: impressive work by the team.",
)
# How often a colleague shares what reaches them: as in real programmes, some never do, most now
# and then, a few nearly always.
SHARE_RATES = (0.0, 0.0, 0.1, 0.25, 0.25, 0.5, 0.8)


def build_shares(org: Organization) -> int:
    """Record shares for live posts nobody shared yet; returns how many were made (0 on a second
    run)."""
    now = timezone.now()
    shared = Share.objects.filter(organization=org).values("post_id")
    posts = list(
        Post.objects.live_at(now)
        .filter(organization=org)
        .exclude(pk__in=shared)
        .prefetch_related("variants")
    )
    if not posts:
        return 0
    rng = random.Random(f"{org.slug}-shares")  # the same demo every time
    members = list(
        Membership.objects.participating().filter(organization=org).select_related("user")
    )
    networks = {}
    for user_id, network in NetworkPresence.objects.filter(
        user__memberships__organization=org
    ).values_list("user_id", "network"):
        networks.setdefault(user_id, []).append(network)
    rates = {member.pk: rng.choice(SHARE_RATES) for member in members}
    made = 0
    for post in posts:
        for member in members:
            if rng.random() >= rates[member.pk] or not post_in_feed(member, post, now):
                continue
            network = rng.choice(
                [n for n in networks.get(member.user_id, []) if n != "instagram"] or ["linkedin"]
            )
            variant = variant_suggestion(post=post, membership=member, network=network)
            text = starting_text(variant) if variant else post.title
            if rng.random() < 0.4:
                text = f"{rng.choice(OWN_WORDS)}\n\n{text}"
            share = share_record(
                membership=member, post=post, variant=variant, network=network, text=text,
                mastodon_instance="mastodon.social", now=now,
            ).share  # fmt: skip
            # Spread over the post's life so far, in working hours.
            started = post.starts_at or now - timedelta(days=3)
            moment = started + (now - started) * rng.random()
            moment = moment.replace(hour=rng.randint(8, 17), minute=rng.choice((0, 15, 30, 45)))
            moment = min(moment, now)
            Share.objects.filter(pk=share.pk).update(created_at=moment)
            if share.tracked_link_id:
                _clicks(org, share, moment, now, rng)
            made += 1
    return made


def _clicks(org: Organization, share: Share, since, now, rng: random.Random) -> None:
    """A few clicks the first day, fewer after: how shared links age."""
    tz = org.tz
    day = timezone.localtime(since, tz).date()
    today = timezone.localtime(now, tz).date()
    peak = rng.randint(0, 14) * (2 if share.personalised else 1)
    rows = []
    while day <= today and peak > 0:
        rows.append(
            LinkDay(
                organization=org, link_id=share.tracked_link_id, day=day, clicks=peak,
                visitors=max(1, peak - rng.randint(0, 2)), bot_hits=rng.randint(2, 9),
            )
        )  # fmt: skip
        peak //= 2
        day += timedelta(days=1)
    LinkDay.objects.bulk_create(rows)
