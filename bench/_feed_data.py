"""Data for bench/feed.py: the demo organisation grown to 10,000 members and 500 live posts,
with themes, audiences, three versions per post and some shares. Run inside the benchmark's
server environment: `python -m bench._feed_data` (bulk inserts: about half a minute)."""

from __future__ import annotations

import os
import random
from datetime import timedelta

MEMBERS = 10_000
POSTS = 500
SHARES = 20_000


def build(slug: str = "noorderlicht") -> None:
    from django.db import transaction
    from django.utils import timezone

    from multiplier.accounts.models import User
    from multiplier.content.models import Audience, Post, PostStatus, Variant
    from multiplier.core.models import Membership, MembershipStatus, Organization
    from multiplier.program.models import MemberTheme, Theme
    from multiplier.sharing.feed import feed_version_bump
    from multiplier.sharing.models import Share

    rng = random.Random(500)
    org = Organization.objects.get(slug=slug)
    now = timezone.now()
    themes = list(Theme.objects.filter(organization=org))
    teams = sorted(set(Membership.objects.filter(organization=org).values_list("team", flat=True)))
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(email=f"bench{n}@noorderlicht.example", name=f"Bench {n}", password="!")  # noqa: S106 (an unusable password)
            for n in range(MEMBERS)
        )
        members = Membership.objects.bulk_create(
            Membership(
                organization=org,
                user=user,
                team=rng.choice(teams),
                status=MembershipStatus.ACTIVE,
                joined_at=now,
                onboarded_at=now,
            )
            for user in users
        )
        MemberTheme.objects.bulk_create(
            MemberTheme(organization=org, membership=m, theme=rng.choice(themes))
            for m in members[::3]
        )
        audiences = [Audience.EVERYONE] * 12 + [Audience.TEAMS] * 4 + [Audience.THEMES] * 3
        audiences += [Audience.LEADERS]
        posts = Post.objects.bulk_create(
            Post(
                organization=org,
                title=f"Benchmark post {n}: energy news from the north",
                slug=f"bench-{n}",
                link=f"https://noorderlicht.example/news/{n}",
                audience=(audience := rng.choice(audiences)),
                audience_teams=rng.sample(teams, 2) if audience == Audience.TEAMS else [],
                status=PostStatus.LIVE,
                starts_at=now - timedelta(minutes=10 + 7 * n),
                ends_at=now + timedelta(days=14),
                went_live_at=now - timedelta(minutes=10 + 7 * n),
            )
            for n in range(POSTS)
        )
        Variant.objects.bulk_create(
            Variant(
                organization=org,
                post=post,
                position=v,
                text=f"Version {v + 1} of {post.title}. " + "Warmte uit de buurt. " * 8,
            )
            for post in posts
            for v in range(3)
        )
        Post.themes.through.objects.bulk_create(
            Post.themes.through(post_id=post.pk, theme_id=rng.choice(themes).pk) for post in posts
        )
        Post.audience_themes.through.objects.bulk_create(
            Post.audience_themes.through(post_id=post.pk, theme_id=rng.choice(themes).pk)
            for post in posts
            if post.audience == Audience.THEMES
        )
        ambassador = Membership.objects.get(
            organization=org, user__email="ambassador@noorderlicht.example"
        )
        sharers = [*members, ambassador]
        Share.objects.bulk_create(
            Share(
                organization=org,
                membership=rng.choice(sharers),
                post=rng.choice(posts),
                network="linkedin",
                text="Shared for the benchmark.",
                method="intent",
            )
            for _ in range(SHARES)
        )
        Share.objects.bulk_create(
            Share(
                organization=org,
                membership=ambassador,
                post=post,
                network="linkedin",
                text="Mine.",
                method="intent",
            )
            for post in posts[:40]
        )
    feed_version_bump(org.pk)  # bulk inserts send no signals


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "multiplier.settings")
    import django

    django.setup()
    build()
